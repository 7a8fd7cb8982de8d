// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/**
 * What a valid access token says: the agent, the machine it was issued to, and the thumbprint of the key it
 * is bound to ({@code null} for a token issued before machine binding).
 */
public final class AgentIdentity {
    private final String agentId;
    private final String machineId;
    private final String keyThumbprint;

    public AgentIdentity(String agentId, String machineId) {
        this(agentId, machineId, null);
    }

    public AgentIdentity(String agentId, String machineId, String keyThumbprint) {
        this.agentId = agentId;
        this.machineId = machineId;
        this.keyThumbprint = keyThumbprint;
    }

    public String agentId() {
        return agentId;
    }

    public String machineId() {
        return machineId;
    }

    public String keyThumbprint() {
        return keyThumbprint;
    }
}
