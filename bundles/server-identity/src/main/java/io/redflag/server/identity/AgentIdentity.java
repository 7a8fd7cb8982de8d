// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/** What a valid access token says: the agent, and the machine it was issued to. */
public final class AgentIdentity {
    private final String agentId;
    private final String machineId;

    public AgentIdentity(String agentId, String machineId) {
        this.agentId = agentId;
        this.machineId = machineId;
    }

    public String agentId() {
        return agentId;
    }

    public String machineId() {
        return machineId;
    }
}
