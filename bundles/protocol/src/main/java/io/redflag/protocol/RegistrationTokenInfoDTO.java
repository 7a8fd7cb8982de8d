// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A registration token as operators list it: never its secret. */
public class RegistrationTokenInfoDTO extends DTO {
    public String id;
    public String note;
    public int seats;
    public int used;
    public String expiresAt;
    /** Null while usable. */
    public String revokedAt;
    public String createdBy;
    public String createdAt;
}
