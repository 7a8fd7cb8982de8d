// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code PUT /api/v1/agents/{id}/heartbeat}: poll often for a while, so an operator sees work as it happens. */
public class HeartbeatRequestDTO extends DTO {
    /** One of {@link Polling#HEARTBEAT_MINUTES}. */
    public int minutes;
}
