// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

/** No agent has this id. */
public class UnknownAgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownAgentException(Object agentId) {
        super("no agent " + agentId);
    }
}
