// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** Every refusal of the API: {@link #error} a stable code, {@link #detail} what was wrong, for people. */
public class ErrorDTO extends DTO {
    public String error;
    public String detail;

    /** An error body. */
    public static ErrorDTO of(String error, String detail) {
        ErrorDTO e = new ErrorDTO();
        e.error = error;
        e.detail = detail;
        return e;
    }
}
