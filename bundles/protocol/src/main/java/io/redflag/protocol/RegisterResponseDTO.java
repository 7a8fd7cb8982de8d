// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** The answer to a registration: the agent's id and its first credentials. */
public class RegisterResponseDTO extends DTO {
    public String agentId;
    /** A JWT for the agent routes, valid {@link #accessTokenExpiresIn} seconds. */
    public String accessToken;
    public long accessTokenExpiresIn;
    /** Exchanged once for a new pair at {@link Routes#TOKEN}. */
    public String refreshToken;
    public int pollIntervalSeconds;
}
