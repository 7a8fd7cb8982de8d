// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code PUT /api/v1/agents/{id}/subsystems/{ecosystem}}: what to change; absent fields stay as they are. */
public class SubsystemUpdateDTO extends DTO {
    public Boolean enabled;
    /** Between 60 and 2592000. */
    public Integer intervalSeconds;
}
