// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code POST /api/v1/registration-tokens}: absent fields take their defaults (1 seat, 24 h). */
public class RegistrationTokenRequestDTO extends DTO {
    public Integer seats;
    public Long expiresInSeconds;
    public String note;
}
