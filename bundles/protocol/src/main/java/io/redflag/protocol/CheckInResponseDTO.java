// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.signing.SignedCommandDTO;
import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** What a check-in hands the agent: signed commands to run, and when to call again. */
public class CheckInResponseDTO extends DTO {
    /** Signed commands; the agent verifies each against the pinned server key before acting. */
    public List<SignedCommandDTO> commands = new ArrayList<>();
    public int pollIntervalSeconds;
    /** The server's clock, ISO-8601 UTC. */
    public String serverTime;
    /**
     * Hash of the agent's desired state ({@link DesiredStateDTO#hash}); when it differs from the one the agent last
     * brought in, the agent fetches {@code GET /api/v1/agents/{id}/desired-state}. Null from servers without a
     * repository.
     */
    public String desiredState;
    /**
     * While an operator watches this agent closely (heartbeat mode), until when, ISO-8601 UTC; the poll interval is
     * short until then. Null otherwise.
     */
    public String heartbeatUntil;
}
