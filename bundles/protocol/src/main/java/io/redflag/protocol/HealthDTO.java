// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code GET /api/v1/health}: {@code ok} with status 200, {@code degraded} with 503. */
public class HealthDTO extends DTO {
    public String status;
    public String database;
}
