// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code GET /api/v1/health}: {@code ok} with status 200, {@code degraded} with 503. */
public class HealthDTO extends DTO {
    public String status;
    public String database;
    /** {@code ok} once every route of the API is registered; {@code starting: N of M routes} before (503); since 1.4. */
    public String api;
}
