// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/**
 * An agent checked in with an older version than the server saw from it before: an old binary put back, or an
 * old copy of the agent speaking for it. Refused; the message says what an operator does about it.
 */
public class AgentDowngradeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentDowngradeException(Object agentId, String seen, String now) {
        super("agent " + agentId + " checked in as version " + now + " after " + seen + "; downgrades are refused. "
                + "Install version " + seen + " or newer on it, or delete the agent and register it again");
    }
}
