// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code GET /api/v1/commands/{id}}: a command, and the agent's result once it answered. */
public class CommandDTO extends DTO {
    public String id;
    public String agentId;
    public CommandType type;
    public String ecosystem;
    public CommandParamsDTO params;
    public CommandStatus status;
    /** Who asked for it: an operator (token name), or {@code server} for scheduled scans; since 1.4. */
    public String requestedBy;
    /** The bulk job it belongs to, if any; since 1.4. */
    public String jobId;
    public String createdAt;
    public String deliveredAt;
    public String completedAt;
    /** Null until the agent answered. */
    public CommandResultDTO result;
}
