// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/**
 * One step in the life of one update on one agent ({@code GET /api/v1/agents/{id}/history}): what happened, when, by
 * whom, through which command and along which plan. The command's result ({@code GET /api/v1/commands/{id}}) keeps
 * the plan's changes and the installer's output.
 */
public class UpdateEventDTO extends DTO {
    public long id;
    public String agentId;
    public String ecosystem;
    public String packageId;
    public LifecycleState state;
    public String at;
    /** The operator (token name) or {@code agent:<id>} for what the agent reported. */
    public String actor;
    public String commandId;
    public String planHash;
    /** The version installed before and the version offered, as the last scan reported them. */
    public String fromVersion;
    public String toVersion;
    /** In words: the installer's summary, why it failed, the approver's comment. */
    public String detail;
    public String jobId;
}
