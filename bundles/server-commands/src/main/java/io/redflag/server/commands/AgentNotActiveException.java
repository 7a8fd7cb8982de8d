// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/** The agent is unknown, revoked or being rebound, or the caller no longer holds its key: it may not check in or report. */
public class AgentNotActiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentNotActiveException(Object agentId) {
        super("agent " + agentId + " is not an active agent");
    }

    /** With the reason, e.g. that the caller's key is no longer the agent's. */
    public AgentNotActiveException(Object agentId, String why) {
        super("agent " + agentId + ": " + why);
    }
}
