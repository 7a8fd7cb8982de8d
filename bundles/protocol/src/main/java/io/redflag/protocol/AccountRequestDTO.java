// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code POST /api/v1/accounts}: a console account for one person (admins only); since 1.5. */
public class AccountRequestDTO extends DTO {
    /** How the audit log names them ({@code operator:<name>}). */
    public String name;
    /** Default {@link OperatorRole#VIEWER}: the least that is useful. */
    public OperatorRole role;
}
