// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** The server has the result of this command; {@link #duplicate} when it had it already. */
public class ResultAckDTO extends DTO {
    public String acknowledged;
    public boolean duplicate;
}
