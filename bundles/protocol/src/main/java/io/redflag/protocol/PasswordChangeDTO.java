// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code PUT /api/v1/session/password}: the signed-in operator's new password, with the current one; since 1.5. */
public class PasswordChangeDTO extends DTO {
    public String current;
    public String next;
}
