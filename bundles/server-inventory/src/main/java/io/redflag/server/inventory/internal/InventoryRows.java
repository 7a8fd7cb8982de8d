// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory.internal;

/** The longer SQL of the inventory, in one place. */
final class InventoryRows {

    private InventoryRows() {}

    /** One record per agent, ecosystem and package; a re-scan updates it and keeps its first-seen time. */
    /**
     * A scan's records in one statement: agent, ecosystem, kind, then the records as a JSON array of objects whose keys
     * are the column names (the advisories and CVEs as arrays).
     */
    static final String UPSERT_ALL = "INSERT INTO pending_updates (agent_id, ecosystem, kind, package_id, name, "
            + "installed_version, available_version, source, architecture, severity, security, advisories, cves, "
            + "download_size, reboot_required, classification) SELECT ?, ?, ?, x.package_id, x.name, x.installed_version, "
            + "x.available_version, x.source, x.architecture, x.severity, x.security, x.advisories, x.cves, "
            + "x.download_size, x.reboot_required, x.classification FROM jsonb_to_recordset(?::jsonb) AS x(package_id text, "
            + "name text, installed_version text, available_version text, source text, architecture text, severity text, "
            + "security boolean, advisories text[], cves text[], download_size bigint, reboot_required boolean, "
            + "classification text) "
            + "ON CONFLICT (agent_id, ecosystem, package_id) DO UPDATE SET name = excluded.name, "
            + "installed_version = excluded.installed_version, available_version = excluded.available_version, "
            + "source = excluded.source, architecture = excluded.architecture, severity = excluded.severity, "
            + "security = excluded.security, advisories = excluded.advisories, cves = excluded.cves, "
            + "download_size = excluded.download_size, reboot_required = excluded.reboot_required, "
            + "kind = excluded.kind, classification = excluded.classification, last_seen_at = now()";

    /** Agents with their count of installable updates (readings and unknown kinds are not pending). */
    static final String AGENT_WITH_PENDING = "SELECT a.*, a.pending_updates AS pending FROM agents a ";

    /**
     * Creates or changes one agent subsystem; enabling a disabled one schedules it at once, a new interval reschedules
     * it from its last run (not before now).
     */
    static final String UPDATE_SUBSYSTEM = "INSERT INTO agent_subsystems (agent_id, ecosystem, kind, enabled, "
            + "interval_seconds) VALUES (?,?,?,?,?) ON CONFLICT (agent_id, ecosystem) DO UPDATE SET "
            + "enabled = coalesce(?, agent_subsystems.enabled), "
            + "interval_seconds = coalesce(?, agent_subsystems.interval_seconds), "
            + "next_run_at = CASE WHEN ? AND NOT agent_subsystems.enabled THEN now() "
            + "WHEN ?::int IS NOT NULL THEN greatest(now(), coalesce(agent_subsystems.last_run_at, now()) "
            + "+ make_interval(secs => ?::int)) ELSE agent_subsystems.next_run_at END";

    /** Due now, if enabled; no row when it is not. */
    static final String SCAN_NOW = "UPDATE agent_subsystems SET next_run_at = now() WHERE agent_id = ? AND ecosystem = ? "
            + "AND enabled RETURNING 1";

    /** Active agents per reported version and state of one plug-in. */
    static final String BUNDLE_ROLLOUT = "SELECT b->>'version' AS version, b->>'state' AS state, count(*) AS agents "
            + "FROM agents a CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.bundles, '[]'::jsonb)) b "
            + "WHERE a.status = 'active' AND b->>'symbolicName' = ? GROUP BY 1, 2 ORDER BY 3 DESC, 1 DESC, 2";
}
