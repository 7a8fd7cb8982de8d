// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code POST /api/v1/session}: an operator signs in to the console with an account's name and password; since 1.5. */
public class SignInRequestDTO extends DTO {
    public String name;
    public String password;
}
