// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code POST /api/v1/agents/token}: a refresh token exchanged for a new pair; the machine id travels in {@link ProtocolHeaders#MACHINE_ID}. */
public class RefreshRequestDTO extends DTO {
    public String refreshToken;
}
