// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** One agent of a bulk job: what was asked of it and how it is going. */
public class JobAgentDTO extends DTO {
    public String agentId;
    public String hostname;
    public JobAgentState state;
    /** The command it got (absent for skipped agents and for decisions). */
    public String commandId;
    /** Approve and reject jobs: the decision recorded. */
    public String approvalId;
    /** Dry runs: the packages asked for on this agent (those of the job's it has pending). */
    public List<String> packages = new ArrayList<>();
    /** Why it was skipped or failed, or the command's own message. */
    public String message;
}
