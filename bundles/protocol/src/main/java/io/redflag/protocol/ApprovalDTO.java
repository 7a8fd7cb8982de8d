// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** A decision on one dry run's plan: which agent, which packages, which plan (by hash), who asked, who decided. */
public class ApprovalDTO extends DTO {
    public String id;
    public String dryRunId;
    public String agentId;
    public String ecosystem;
    public List<String> packages = new ArrayList<>();
    /** The hash of the plan decided on: an install must carry exactly this one. */
    public String planHash;
    public ApprovalDecision decision;
    /** Who asked for the dry run. */
    public String requestedBy;
    public String decidedBy;
    public String decidedAt;
    public String comment;
    /** The bulk job that recorded it, if one did. */
    public String jobId;
}
