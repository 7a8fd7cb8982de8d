// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.server.internal.db.Database;
import io.redflag.server.internal.rest.ApiException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** What the server knows about agents: their pending updates and their subsystems. */
@Component(service = Inventory.class)
public final class Inventory {

    private final Database db;
    private final SubsystemCatalog catalog;

    @Activate
    public Inventory(@Reference Database db, @Reference SubsystemCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** Makes the stored updates of one agent and ecosystem equal to a fresh scan, keeping first-seen times. */
    static void replace(Connection c, UUID agentId, String ecosystem, List<PackageUpdateDTO> updates) throws SQLException {
        List<PackageUpdateDTO> list = updates == null ? List.of() : updates;
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_updates (agent_id, ecosystem, package_id, name, "
                + "installed_version, available_version, source, architecture, severity, security, advisories, cves, "
                + "download_size, reboot_required) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT (agent_id, ecosystem, package_id) DO UPDATE SET name = excluded.name, "
                + "installed_version = excluded.installed_version, available_version = excluded.available_version, "
                + "source = excluded.source, architecture = excluded.architecture, severity = excluded.severity, "
                + "security = excluded.security, advisories = excluded.advisories, cves = excluded.cves, "
                + "download_size = excluded.download_size, reboot_required = excluded.reboot_required, last_seen_at = now()")) {
            for (PackageUpdateDTO u : list) {
                String id = u.id != null ? u.id : u.name;
                if (id == null || !ids.add(id)) {
                    continue; // an update without identity cannot be approved; duplicates count once
                }
                ps.setObject(1, agentId);
                ps.setString(2, ecosystem);
                ps.setString(3, id);
                ps.setString(4, u.name != null ? u.name : id);
                ps.setString(5, u.installedVersion);
                ps.setString(6, u.availableVersion);
                ps.setString(7, u.source);
                ps.setString(8, u.architecture);
                ps.setString(9, u.severity == null ? "UNKNOWN" : u.severity.name());
                ps.setBoolean(10, u.security);
                ps.setArray(11, textArray(c, u.advisories));
                ps.setArray(12, textArray(c, u.cves));
                setLong(ps, 13, u.downloadSize);
                ps.setBoolean(14, u.rebootRequired);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_updates WHERE agent_id = ? AND ecosystem = ? "
                + "AND NOT (package_id = ANY (?))")) {
            ps.setObject(1, agentId);
            ps.setString(2, ecosystem);
            ps.setArray(3, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Pending updates ({@code metrics == false}) or host readings ({@code metrics == true}) of one agent,
     * optionally of one ecosystem; the two never mix.
     */
    public List<Map<String, Object>> records(UUID agentId, String ecosystem, boolean metrics) {
        requireAgent(agentId);
        List<String> metricsEcosystems = catalog.metricsEcosystems();
        return db.inTransaction(c -> {
            String sql = "SELECT * FROM pending_updates WHERE agent_id = ? AND "
                    + (metrics ? "ecosystem = ANY (?)" : "NOT (ecosystem = ANY (?))")
                    + (ecosystem != null ? " AND ecosystem = ?" : "") + " ORDER BY ecosystem, package_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, agentId);
                ps.setArray(2, c.createArrayOf("text", metricsEcosystems.toArray()));
                if (ecosystem != null) {
                    ps.setString(3, ecosystem);
                }
                List<Map<String, Object>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("ecosystem", rs.getString("ecosystem"));
                        m.put("id", rs.getString("package_id"));
                        m.put("name", rs.getString("name"));
                        m.put("installedVersion", rs.getString("installed_version"));
                        m.put("availableVersion", rs.getString("available_version"));
                        m.put("source", rs.getString("source"));
                        m.put("architecture", rs.getString("architecture"));
                        m.put("severity", rs.getString("severity"));
                        m.put("security", rs.getBoolean("security"));
                        m.put("advisories", strings(rs.getArray("advisories")));
                        m.put("cves", strings(rs.getArray("cves")));
                        m.put("downloadSize", rs.getObject("download_size"));
                        m.put("rebootRequired", rs.getBoolean("reboot_required"));
                        m.put("firstSeenAt", iso(rs.getTimestamp("first_seen_at")));
                        m.put("lastSeenAt", iso(rs.getTimestamp("last_seen_at")));
                        out.add(m);
                    }
                }
                return out;
            }
        });
    }

    /** Counts installable updates only; host readings are not "pending". */
    private static final String AGENT_WITH_PENDING = "SELECT a.*, (SELECT count(*) FROM pending_updates p "
            + "WHERE p.agent_id = a.id AND NOT (p.ecosystem = ANY (?))) AS pending FROM agents a ";

    public List<Map<String, Object>> agents() {
        List<String> metrics = catalog.metricsEcosystems();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(AGENT_WITH_PENDING + "ORDER BY hostname, id")) {
                ps.setArray(1, c.createArrayOf("text", metrics.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(agentRow(rs));
                    }
                    return out;
                }
            }
        });
    }

    public Map<String, Object> agent(UUID id) {
        List<String> metrics = catalog.metricsEcosystems();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(AGENT_WITH_PENDING + "WHERE id = ?")) {
                ps.setArray(1, c.createArrayOf("text", metrics.toArray()));
                ps.setObject(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no agent " + id);
                    }
                    Map<String, Object> m = agentRow(rs);
                    m.put("subsystems", subsystems(c, id));
                    return m;
                }
            }
        });
    }

    private static Map<String, Object> agentRow(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString("id"));
        m.put("hostname", rs.getString("hostname"));
        m.put("osFamily", rs.getString("os_family"));
        m.put("osVersion", rs.getString("os_version"));
        m.put("architecture", rs.getString("architecture"));
        m.put("agentVersion", rs.getString("agent_version"));
        m.put("status", rs.getString("status"));
        m.put("registeredAt", iso(rs.getTimestamp("registered_at")));
        m.put("lastSeenAt", iso(rs.getTimestamp("last_seen_at")));
        m.put("pendingUpdates", rs.getLong("pending"));
        return m;
    }

    public List<Map<String, Object>> subsystems(UUID agentId) {
        requireAgent(agentId);
        return db.inTransaction(c -> subsystems(c, agentId));
    }

    private static List<Map<String, Object>> subsystems(Connection c, UUID agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM agent_subsystems WHERE agent_id = ? ORDER BY ecosystem")) {
            ps.setObject(1, agentId);
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ecosystem", rs.getString("ecosystem"));
                    m.put("enabled", rs.getBoolean("enabled"));
                    m.put("intervalSeconds", rs.getInt("interval_seconds"));
                    m.put("nextRunAt", iso(rs.getTimestamp("next_run_at")));
                    m.put("lastRunAt", iso(rs.getTimestamp("last_run_at")));
                    m.put("lastStatus", rs.getString("last_status"));
                    m.put("lastMessage", rs.getString("last_message"));
                    out.add(m);
                }
            }
            return out;
        }
    }

    /** Enables, disables or re-times one subsystem of one agent. Enabling schedules a scan at once. */
    public Map<String, Object> updateSubsystem(UUID agentId, String ecosystem, Boolean enabled, Integer interval,
            int defaultInterval) {
        if (interval != null && (interval < 60 || interval > 30 * 86400)) {
            throw ApiException.badRequest("intervalSeconds must be between 60 and 2592000");
        }
        requireAgent(agentId);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_subsystems (agent_id, ecosystem, enabled, "
                    + "interval_seconds) VALUES (?,?,?,?) ON CONFLICT (agent_id, ecosystem) DO UPDATE SET "
                    + "enabled = coalesce(?, agent_subsystems.enabled), "
                    + "interval_seconds = coalesce(?, agent_subsystems.interval_seconds), "
                    + "next_run_at = CASE WHEN ? AND NOT agent_subsystems.enabled THEN now() ELSE agent_subsystems.next_run_at END")) {
                ps.setObject(1, agentId);
                ps.setString(2, ecosystem);
                ps.setBoolean(3, enabled == null || enabled);
                ps.setInt(4, interval == null ? defaultInterval : interval);
                ps.setObject(5, enabled);
                ps.setObject(6, interval);
                ps.setBoolean(7, Boolean.TRUE.equals(enabled));
                ps.executeUpdate();
            }
            return null;
        });
        return subsystems(agentId).stream().filter(m -> ecosystem.equals(m.get("ecosystem"))).findFirst().orElseThrow();
    }

    public List<String> knownAgentVersions() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT agent_version FROM agents ORDER BY 1");
                    ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    private void requireAgent(UUID id) {
        boolean exists = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agents WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!exists) {
            throw ApiException.notFound("no agent " + id);
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** Timestamps on the wire: ISO-8601 UTC, or null. */
    static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values == null ? new Object[0] : values.toArray());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
