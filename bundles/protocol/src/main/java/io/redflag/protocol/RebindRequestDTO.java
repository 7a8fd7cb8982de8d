// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/**
 * {@code POST /api/v1/agents/{id}/rebind}: let the next registration from {@link #machineId} (by default the
 * agent's own) take this agent over with a new key, keeping its history. The old credentials stop working at once.
 */
public class RebindRequestDTO extends DTO {
    /** The machine id the agent will register from; null keeps the agent's current one. */
    public String machineId;
    /** How long the rebind stays open; default one day, at most 30 days. */
    public long expiresInSeconds = 86_400;
}
