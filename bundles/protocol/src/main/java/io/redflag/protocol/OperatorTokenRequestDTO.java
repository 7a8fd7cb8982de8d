// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code POST /api/v1/operator-tokens}: a token for one person or tool. */
public class OperatorTokenRequestDTO extends DTO {
    /** Who holds it, as the audit log will name them ({@code operator:<name>}). */
    public String name;
    /** Default {@link OperatorRole#VIEWER}: the least that is useful. */
    public OperatorRole role;
}
