// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A rotated pair of credentials; the refresh token that bought it is spent. */
public class TokenPairDTO extends DTO {
    public String accessToken;
    public long accessTokenExpiresIn;
    public String refreshToken;
}
