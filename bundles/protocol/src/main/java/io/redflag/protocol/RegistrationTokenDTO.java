// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A new registration token; {@link #token} is shown this once and only its hash is kept. */
public class RegistrationTokenDTO extends DTO {
    public String id;
    public String token;
    public int seats;
    public String expiresAt;
}
