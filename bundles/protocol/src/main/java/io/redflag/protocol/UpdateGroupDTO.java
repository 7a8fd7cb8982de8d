// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/**
 * {@code GET /api/v1/updates?groupBy=…}: pending updates across the fleet, one entry per package, CVE, severity or
 * ecosystem, with how many agents they affect.
 */
public class UpdateGroupDTO extends DTO {
    /** The package id (with {@code ecosystem}), the CVE id, the severity or the ecosystem. */
    public String key;
    /** For packages: the ecosystem it belongs to; null otherwise. */
    public String ecosystem;
    /** Agents with at least one such pending update. */
    public long agents;
    /** Pending updates in the group (a package counts once per agent). */
    public long updates;
    /** The gravest severity in the group. */
    public String severity;
    /** Whether any of them fixes a vulnerability. */
    public boolean security;
    /** Pass as {@code after} to get the next page. */
    public String cursor;
}
