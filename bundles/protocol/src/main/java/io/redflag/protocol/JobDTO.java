// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code GET /api/v1/jobs/{id}}: a bulk job and its progress, per agent and counted. */
public class JobDTO extends DTO {
    public String id;
    public JobAction action;
    public String ecosystem;
    public List<String> packages = new ArrayList<>();
    /** Approve, reject, install: the dry-run job acted on. */
    public String sourceJobId;
    public String comment;
    public String createdBy;
    public String createdAt;
    /** True once no agent is queued or running. */
    public boolean finished;
    public JobCountsDTO counts;
    /** Empty in listings; in hostname order when one job is read. */
    public List<JobAgentDTO> agents = new ArrayList<>();
}
