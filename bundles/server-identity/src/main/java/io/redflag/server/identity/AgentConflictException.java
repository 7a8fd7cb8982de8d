// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/**
 * A registration or rebind that would hand one agent's identity to another machine or key: the machine id is
 * taken by an agent with another key, or the key already belongs to an agent on another machine (a clone). The
 * message says what an operator does about it.
 */
public class AgentConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentConflictException(String message) {
        super(message);
    }
}
