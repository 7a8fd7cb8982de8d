// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/** The agent is unknown or revoked, so it may not check in. */
public class AgentNotActiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentNotActiveException(Object agentId) {
        super("agent " + agentId + " is not an active agent");
    }
}
