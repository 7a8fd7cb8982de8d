// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * {@code POST /api/v1/jobs}: one action over many agents. Scans and dry runs act on a {@link #selection};
 * approve, reject and install act on the agents of the dry-run job named by {@link #jobId}, each on the plan its own
 * dry run computed.
 */
public class JobRequestDTO extends DTO {
    public JobAction action;
    /** Scans and dry runs. */
    public SelectionDTO selection;
    /** Scans and dry runs: the subsystem. */
    public String ecosystem;
    /** Dry runs: the package ids; each agent gets those of them it has pending. */
    public List<String> packages = new ArrayList<>();
    /** Approve, reject, install: the dry-run job whose plans they act on. */
    public String jobId;
    /** Approve and reject: why, for the record. */
    public String comment;
}
