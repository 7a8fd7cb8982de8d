// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.redflag.protocol.AgentAction;
import io.redflag.protocol.AgentDTO;
import io.redflag.protocol.HostMetricsDTO;
import io.redflag.protocol.ScannerBreakerDTO;
import io.redflag.protocol.BundleInventoryDTO;
import io.redflag.protocol.AgentStatus;
import io.redflag.protocol.AgentSubsystemDTO;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.InventoryRecordDTO;
import io.redflag.protocol.LifecycleState;
import io.redflag.protocol.Polling;
import io.redflag.protocol.SubsystemDTO;
import io.redflag.protocol.SubsystemStatus;
import io.redflag.protocol.SubsystemUpdateDTO;
import io.redflag.protocol.WireEnums;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.UpdateClass;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.runtime.FailedScannerDTO;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.SubsystemCatalog;
import io.redflag.server.inventory.SubsystemDisabledException;
import io.redflag.server.store.AuditLog;
import io.redflag.server.inventory.UnknownAgentException;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The inventory in PostgreSQL: agents, agent_subsystems and pending_updates (records of both kinds). */
@Component(service = Inventory.class, configurationPid = "io.redflag.server")
@Designate(ocd = JdbcInventory.Config.class)
public final class JdbcInventory implements Inventory {

    private final Database db;
    private final SubsystemCatalog catalog;
    private final AuditLog audit;
    private final long offlineAfterSeconds;

    @ObjectClassDefinition(name = "RedFlag server")
    public @interface Config {
        /** How often agents check in: one that missed three check-ins (and a little slack) is offline. */
        int poll_interval_seconds() default Polling.DEFAULT_INTERVAL_SECONDS;
    }

    @Activate
    public JdbcInventory(@Reference Database db, @Reference SubsystemCatalog catalog, @Reference AuditLog audit, Config config) {
        this.db = db;
        this.catalog = catalog;
        this.audit = audit;
        this.offlineAfterSeconds = offlineAfter(config.poll_interval_seconds());
    }

    /** For tests: the default poll interval. */
    public JdbcInventory(Database db, SubsystemCatalog catalog, AuditLog audit) {
        this(db, catalog, audit, Polling.DEFAULT_INTERVAL_SECONDS);
    }

    JdbcInventory(Database db, SubsystemCatalog catalog, AuditLog audit, int pollIntervalSeconds) {
        this.db = db;
        this.catalog = catalog;
        this.audit = audit;
        this.offlineAfterSeconds = offlineAfter(pollIntervalSeconds);
    }

    /** Three missed check-ins (each up to 10 % late by the agent's jitter) and 5 s for the network. */
    static long offlineAfter(int pollIntervalSeconds) {
        return Math.round(3 * Polling.clamp(pollIntervalSeconds) * 1.1) + 5;
    }

    @Override
    public void createDefaultSubsystems(Connection c, UUID agentId, List<String> ecosystems) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_subsystems (agent_id, ecosystem, kind, enabled, "
                + "interval_seconds, next_run_at) VALUES (?,?,?,true,?, now()) ON CONFLICT DO NOTHING")) {
            for (String eco : ecosystems) {
                SubsystemDTO d = catalog.find(eco).orElse(null);
                if (d == null) {
                    continue; // the agent has a plug-in this server does not know: nothing to schedule
                }
                ps.setObject(1, agentId);
                ps.setString(2, eco);
                ps.setString(3, d.kind.name());
                ps.setInt(4, (int) Math.max(60, d.defaultIntervalSeconds));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void storeScan(Connection c, UUID agentId, String ecosystem, ScanReportDTO report) throws SQLException {
        SubsystemKind kind = kindOf(c, agentId, ecosystem);
        if (kind == SubsystemKind.METRICS) {
            Readings.store(c, agentId, ecosystem, report);
            return;
        }
        List<PackageUpdateDTO> list = report.updates == null ? List.of() : report.updates;
        Set<String> ids = new HashSet<>();
        List<Map<String, Object>> rows = new ArrayList<>(list.size());
        for (PackageUpdateDTO u : list) {
            String id = u.id != null ? u.id : u.name;
            if (id == null || !ids.add(id)) {
                continue; // an update without identity cannot be approved; duplicates count once
            }
            Map<String, Object> row = new HashMap<>(16);
            row.put("package_id", id);
            row.put("name", u.name != null ? u.name : id);
            row.put("installed_version", u.installedVersion);
            row.put("available_version", u.availableVersion);
            row.put("source", u.source);
            row.put("architecture", u.architecture);
            row.put("severity", (u.severity == null ? Severity.UNKNOWN : u.severity).name());
            row.put("security", u.security);
            row.put("advisories", u.advisories == null ? List.of() : u.advisories);
            row.put("cves", u.cves == null ? List.of() : u.cves);
            row.put("download_size", u.downloadSize);
            row.put("reboot_required", u.rebootRequired);
            row.put("classification", (u.classification == null ? UpdateClass.UNKNOWN : u.classification).name());
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            // every record in one statement (the rows as one JSON parameter): one execution instead of one per update
            try (PreparedStatement ps = c.prepareStatement(InventoryRows.UPSERT_ALL)) {
                ps.setObject(1, agentId);
                ps.setString(2, ecosystem);
                ps.setString(3, kind.name());
                ps.setString(4, Rows.json(rows));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_updates WHERE agent_id = ? AND ecosystem = ? "
                + "AND NOT (package_id = ANY (?))")) {
            ps.setObject(1, agentId);
            ps.setString(2, ecosystem);
            ps.setArray(3, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** The kind fixed when the subsystem row was created; the catalog's if there is no row; else unknown. */
    private SubsystemKind kindOf(Connection c, UUID agentId, String ecosystem) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM agent_subsystems WHERE agent_id = ? AND ecosystem = ?")) {
            ps.setObject(1, agentId);
            ps.setString(2, ecosystem);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return WireEnums.parse(SubsystemKind.class, rs.getString(1));
                }
            }
        }
        return catalog.find(ecosystem).map(d -> d.kind).orElse(SubsystemKind.UNKNOWN);
    }

    @Override
    public void markSubsystem(Connection c, UUID agentId, String eco, SubsystemStatus status, String message)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agent_subsystems SET last_run_at = now(), last_status = ?, "
                + "last_message = ? WHERE agent_id = ? AND ecosystem = ?")) {
            ps.setString(1, status.toString());
            ps.setString(2, message);
            ps.setObject(3, agentId);
            ps.setString(4, eco);
            ps.executeUpdate();
        }
    }

    @Override
    public List<InventoryRecordDTO> records(UUID agentId, String ecosystem, SubsystemKind kind) {
        return db.inTransaction(c -> {
            requireAgent(c, agentId);
            if (ecosystem != null) {
                checkKind(c, agentId, ecosystem, kind);
            }
            // where each stands: its newest lifecycle event, unless that was an install of another version than the one
            // pending now (a newer update arrived since)
            String sql = "SELECT p.*, e.state AS lifecycle, e.at AS lifecycle_at, e.to_version AS lifecycle_version "
                    + "FROM pending_updates p LEFT JOIN LATERAL (SELECT state, at, to_version FROM update_events e "
                    + "WHERE e.agent_id = p.agent_id AND e.ecosystem = p.ecosystem AND e.package_id = p.package_id "
                    + "ORDER BY e.id DESC LIMIT 1) e ON p.kind = 'UPDATES' WHERE p.agent_id = ? AND p.kind = ?"
                    + (ecosystem != null ? " AND p.ecosystem = ?" : "") + " ORDER BY p.ecosystem, p.package_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, agentId);
                ps.setString(2, kind.name());
                if (ecosystem != null) {
                    ps.setString(3, ecosystem);
                }
                List<InventoryRecordDTO> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(record(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<io.redflag.protocol.ReadingRecordDTO> readings(UUID agentId, String ecosystem) {
        return db.inTransaction(c -> {
            requireAgent(c, agentId);
            if (ecosystem != null) {
                checkKind(c, agentId, ecosystem, SubsystemKind.METRICS);
            }
            return Readings.list(c, agentId, ecosystem);
        });
    }

    private static InventoryRecordDTO record(ResultSet rs) throws SQLException {
        InventoryRecordDTO r = new InventoryRecordDTO();
        r.ecosystem = rs.getString("ecosystem");
        r.kind = WireEnums.parse(SubsystemKind.class, rs.getString("kind"));
        r.id = rs.getString("package_id");
        r.name = rs.getString("name");
        r.installedVersion = rs.getString("installed_version");
        r.availableVersion = rs.getString("available_version");
        r.source = rs.getString("source");
        r.architecture = rs.getString("architecture");
        r.severity = WireEnums.parse(Severity.class, rs.getString("severity"));
        r.classification = WireEnums.parse(UpdateClass.class, rs.getString("classification"));
        r.security = rs.getBoolean("security");
        r.advisories = strings(rs.getArray("advisories"));
        r.cves = strings(rs.getArray("cves"));
        long size = rs.getLong("download_size");
        r.downloadSize = rs.wasNull() ? null : size;
        r.rebootRequired = rs.getBoolean("reboot_required");
        r.firstSeenAt = Rows.iso(rs.getTimestamp("first_seen_at"));
        r.lastSeenAt = Rows.iso(rs.getTimestamp("last_seen_at"));
        if (r.kind == SubsystemKind.UPDATES) {
            LifecycleState state = LifecycleState.fromWire(rs.getString("lifecycle"));
            String version = rs.getString("lifecycle_version");
            if (state == null || state == LifecycleState.INSTALLED && version != null && !version.equals(r.availableVersion)) {
                r.lifecycle = LifecycleState.PENDING;
            } else {
                r.lifecycle = state;
                r.lifecycleAt = Rows.iso(rs.getTimestamp("lifecycle_at"));
            }
        }
        return r;
    }

    @Override
    public List<AgentDTO> agents() {
        return agents(AgentFilter.ALL);
    }

    @Override
    public List<AgentDTO> agents(AgentFilter f) {
        return agents(new AgentQuery(f, null, AgentOrder.HOSTNAME, false, 0, 0)).agents();
    }

    @Override
    public AgentPage agents(AgentQuery q) {
        AgentFilter f = q.filter() == null ? AgentFilter.ALL : q.filter();
        StringBuilder sql = new StringBuilder("SELECT x.*, count(*) OVER () AS total FROM (" + InventoryRows.AGENT_WITH_PENDING
                + "WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.tag() != null) {
            sql.append(" AND a.tags @> ARRAY[?]::text[]");
            args.add(f.tag());
        }
        if (f.online() != null) {
            sql.append(f.online() ? " AND" : " AND NOT coalesce(");
            sql.append(f.online() ? " a.last_seen_at > now() - make_interval(secs => ?)"
                    : "a.last_seen_at > now() - make_interval(secs => ?), false)");
            args.add(offlineAfterSeconds);
        }
        if (f.osFamily() != null) {
            sql.append(" AND a.os_family = ?");
            args.add(f.osFamily());
        }
        if (f.severity() != null && f.severity() != Severity.UNKNOWN) {
            List<String> graver = new ArrayList<>();
            for (Severity s : Severity.values()) {
                if (s.ordinal() <= f.severity().ordinal()) {
                    graver.add(s.name());
                }
            }
            sql.append(" AND EXISTS (SELECT 1 FROM pending_updates p WHERE p.agent_id = a.id AND p.kind = 'UPDATES' "
                    + "AND p.severity = ANY (?))");
            args.add(graver.toArray(new String[0]));
        }
        if (q.search() != null && !q.search().isEmpty()) {
            String like = q.search().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_");
            sql.append(" AND (lower(a.hostname) LIKE ? ESCAPE '\\' OR a.id::text LIKE ? ESCAPE '\\')");
            args.add("%" + like + "%");
            args.add(like + "%");
        }
        String dir = q.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST";
        String order = switch (q.order() == null ? AgentOrder.HOSTNAME : q.order()) {
            case HOSTNAME -> "x.hostname" + dir;
            case OS -> "x.os_family" + dir + ", x.os_version" + dir;
            case LAST_SEEN -> "x.last_seen_at" + dir;
            case PENDING -> "x.pending" + dir;
        };
        sql.append(") x ORDER BY ").append(order).append(", x.hostname, x.id");
        if (q.limit() > 0) {
            sql.append(" LIMIT ?");
            args.add(q.limit());
        }
        if (q.offset() > 0) {
            sql.append(" OFFSET ?");
            args.add(q.offset());
        }
        long[] total = {-1};
        List<AgentDTO> page = db.inTransaction(c -> Rows.query(c, sql.toString(), args, rs -> {
            total[0] = rs.getLong("total");
            return agent(rs);
        }));
        if (total[0] < 0) { // no row: nothing matches, or the page lies past the end (the first page then counts)
            total[0] = q.offset() == 0 ? 0 : agents(new AgentQuery(f, q.search(), q.order(), q.descending(), 0, 1)).total();
        }
        return new AgentPage(page, total[0]);
    }

    @Override
    public List<io.redflag.protocol.BundleRolloutDTO> bundleRollout(String symbolicName) {
        return db.inTransaction(c -> Rows.query(c, InventoryRows.BUNDLE_ROLLOUT, List.of(symbolicName), rs -> {
            io.redflag.protocol.BundleRolloutDTO r = new io.redflag.protocol.BundleRolloutDTO();
            r.symbolicName = symbolicName;
            r.version = rs.getString("version");
            r.state = io.redflag.protocol.BundleState.fromWire(rs.getString("state"));
            r.agents = rs.getLong("agents");
            return r;
        }));
    }

    @Override
    public AgentDTO tag(String operator, UUID agentId, List<String> tags) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET tags = ? WHERE id = ?")) {
                ps.setArray(1, c.createArrayOf("text", tags.toArray()));
                ps.setObject(2, agentId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownAgentException(agentId);
                }
            }
            audit.append(c, operator, "agent.tags", "agent=" + agentId + " tags=" + tags, false);
            return null;
        });
        return agent(agentId);
    }

    @Override
    public AgentDTO agent(UUID id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(InventoryRows.AGENT_WITH_PENDING + "WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownAgentException(id);
                    }
                    AgentDTO a = agent(rs);
                    a.subsystems = subsystems(c, id);
                    a.bundles = rs.getString("bundles") == null ? new ArrayList<>() : Rows.fromJson(rs.getString("bundles"), BUNDLES);
                    a.breakers = Rows.fromJson(rs.getString("breakers"), BREAKERS);
                    a.host = rs.getString("host_metrics") == null ? null : Rows.fromJson(rs.getString("host_metrics"), HOST);
                    a.coreUpdates = rs.getString("core_updates") == null ? new ArrayList<>()
                            : Rows.fromJson(rs.getString("core_updates"), CORE_UPDATES);
                    return a;
                }
            }
        });
    }

    private AgentDTO agent(ResultSet rs) throws SQLException {
        AgentDTO a = new AgentDTO();
        a.id = rs.getString("id");
        a.hostname = rs.getString("hostname");
        a.osFamily = rs.getString("os_family");
        a.osVersion = rs.getString("os_version");
        a.architecture = rs.getString("architecture");
        a.agentVersion = rs.getString("agent_version");
        a.status = AgentStatus.fromWire(rs.getString("status"));
        a.registeredAt = Rows.iso(rs.getTimestamp("registered_at"));
        a.lastSeenAt = Rows.iso(rs.getTimestamp("last_seen_at"));
        Timestamp seen = rs.getTimestamp("last_seen_at");
        a.online = seen != null && seen.toInstant().isAfter(java.time.Instant.now().minusSeconds(offlineAfterSeconds));
        a.pendingUpdates = rs.getLong("pending");
        a.failedScanners = rs.getString("failed_scanners") == null ? new ArrayList<>() : Rows.fromJson(rs.getString("failed_scanners"), FAILED);
        a.keyThumbprint = rs.getString("key_thumbprint");
        a.quarantinedResults = rs.getInt("quarantined_results");
        a.rebindMachineId = rs.getString("rebind_machine_id");
        a.rebindUntil = Rows.iso(rs.getTimestamp("rebind_until"));
        a.appliedDesiredState = rs.getString("applied_desired_state");
        a.platform = rs.getString("platform");
        java.sql.Array tags = rs.getArray("tags");
        a.tags = tags == null ? new ArrayList<>() : new ArrayList<>(List.of((String[]) tags.getArray()));
        a.accepts = rs.getString("accepts") == null ? null : Rows.fromJson(rs.getString("accepts"), ACCEPTS);
        Timestamp heartbeat = rs.getTimestamp("heartbeat_until");
        a.heartbeatUntil = heartbeat != null && heartbeat.toInstant().isAfter(java.time.Instant.now()) ? Rows.iso(heartbeat) : null;
        return a;
    }

    @Override
    public List<AgentSubsystemDTO> subsystems(UUID agentId) {
        return db.inTransaction(c -> {
            requireAgent(c, agentId);
            return subsystems(c, agentId);
        });
    }

    private static List<AgentSubsystemDTO> subsystems(Connection c, UUID agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM agent_subsystems WHERE agent_id = ? ORDER BY ecosystem")) {
            ps.setObject(1, agentId);
            List<AgentSubsystemDTO> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AgentSubsystemDTO s = new AgentSubsystemDTO();
                    s.ecosystem = rs.getString("ecosystem");
                    s.kind = WireEnums.parse(SubsystemKind.class, rs.getString("kind"));
                    s.enabled = rs.getBoolean("enabled");
                    s.intervalSeconds = rs.getInt("interval_seconds");
                    s.nextRunAt = Rows.iso(rs.getTimestamp("next_run_at"));
                    s.lastRunAt = Rows.iso(rs.getTimestamp("last_run_at"));
                    String status = rs.getString("last_status");
                    s.lastStatus = status == null ? null : SubsystemStatus.fromWire(status);
                    s.lastMessage = rs.getString("last_message");
                    out.add(s);
                }
            }
            return out;
        }
    }

    @Override
    public AgentSubsystemDTO updateSubsystem(UUID agentId, String ecosystem, SubsystemUpdateDTO change) {
        SubsystemDTO d = catalog.require(ecosystem);
        return db.inTransaction(c -> {
            requireAgent(c, agentId);
            try (PreparedStatement ps = c.prepareStatement(InventoryRows.UPDATE_SUBSYSTEM)) {
                ps.setObject(1, agentId);
                ps.setString(2, ecosystem);
                ps.setString(3, d.kind.name());
                ps.setBoolean(4, change.enabled == null || change.enabled);
                ps.setInt(5, change.intervalSeconds == null ? (int) Math.max(60, d.defaultIntervalSeconds) : change.intervalSeconds);
                ps.setObject(6, change.enabled);
                ps.setObject(7, change.intervalSeconds);
                ps.setBoolean(8, Boolean.TRUE.equals(change.enabled));
                ps.setObject(9, change.intervalSeconds);
                ps.setObject(10, change.intervalSeconds);
                ps.executeUpdate();
            }
            return subsystems(c, agentId).stream().filter(s -> ecosystem.equals(s.ecosystem)).findFirst().orElseThrow();
        });
    }

    /**
     * A filter naming an ecosystem nobody knows, or one of the other kind, is a mistake to name (400), not an empty
     * answer. What the agent's subsystem was created as counts first: its bundle may be away for a swap.
     */
    private void checkKind(Connection c, UUID agentId, String ecosystem, SubsystemKind kind) throws SQLException {
        SubsystemKind actual = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM agent_subsystems WHERE agent_id = ? AND ecosystem = ?")) {
            ps.setObject(1, agentId);
            ps.setString(2, ecosystem);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    actual = WireEnums.parse(SubsystemKind.class, rs.getString(1));
                }
            }
        }
        if (actual == null) {
            actual = catalog.find(ecosystem).map(d -> d.kind).orElseThrow(() -> new InvalidMessageException("ecosystem", "'"
                    + ecosystem + "' is no subsystem this server knows; known: " + String.join(", ",
                    catalog.all().stream().map(x -> x.ecosystem).sorted().toList())));
        }
        if (actual != kind) {
            throw new InvalidMessageException("ecosystem", "'" + ecosystem + "' reports "
                    + (actual == SubsystemKind.METRICS ? "readings of the host: see …/metrics" : "updates: see …/updates"));
        }
    }

    @Override
    public AgentSubsystemDTO scanNow(String operator, UUID agentId, String ecosystem) {
        catalog.require(ecosystem);
        return db.inTransaction(c -> {
            requireAgent(c, agentId);
            try (PreparedStatement ps = c.prepareStatement(InventoryRows.SCAN_NOW)) {
                ps.setObject(1, agentId);
                ps.setString(2, ecosystem);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SubsystemDisabledException("the " + ecosystem + " subsystem is not enabled on agent "
                                + agentId + ": enable it (PUT …/subsystems/" + ecosystem + " {\"enabled\": true}), which "
                                + "scans at once");
                    }
                }
            }
            audit.append(c, operator, "subsystem.scan-now", "agent=" + agentId + " ecosystem=" + ecosystem, false);
            return subsystems(c, agentId).stream().filter(s -> ecosystem.equals(s.ecosystem)).findFirst().orElseThrow();
        });
    }

    /** The grouping key of each kind of fleet view, as SQL over pending_updates p (unnested CVEs as c). */
    private static final java.util.Map<String, String> GROUPS = java.util.Map.of(
            "package", "p.package_id", "cve", "c.cve", "severity", "p.severity", "ecosystem", "p.ecosystem");
    /** Severities gravest first, for "the gravest in the group". */
    private static final String SEVERITY_ORDER = "array['CRITICAL','IMPORTANT','MODERATE','LOW','UNKNOWN']";

    @Override
    public List<io.redflag.protocol.UpdateGroupDTO> fleetUpdates(String groupBy, String ecosystem, String severity,
            String sort, String after, int limit) {
        String key = GROUPS.get(groupBy == null ? "package" : groupBy);
        if (key == null) {
            throw new InvalidMessageException("groupBy", "must be one of package, cve, severity, ecosystem, not '" + groupBy + "'");
        }
        if (sort != null && !sort.equals("agents") && !sort.equals("key")) {
            throw new InvalidMessageException("sort", "must be agents (most affected first) or key, not '" + sort + "'");
        }
        boolean byKey = "key".equals(sort);
        boolean byPackage = key.equals("p.package_id");
        StringBuilder rows = new StringBuilder(" FROM pending_updates p JOIN agents a ON a.id = p.agent_id AND a.status = 'active' "
                + (key.equals("c.cve") ? "CROSS JOIN LATERAL unnest(p.cves) AS c(cve) " : "") + "WHERE p.kind = 'UPDATES'");
        List<Object> args = new ArrayList<>();
        if (ecosystem != null) {
            rows.append(" AND p.ecosystem = ?");
            args.add(ecosystem);
        }
        if (severity != null) {
            Severity s = WireEnums.parse(Severity.class, severity);
            if (s == Severity.UNKNOWN && !severity.equalsIgnoreCase("unknown")) {
                throw new InvalidMessageException("severity", "must be one of critical, important, moderate, low, unknown");
            }
            rows.append(" AND p.severity = ?");
            args.add(s.name());
        }
        String gravest = "min(array_position(" + SEVERITY_ORDER + ", p.severity))";
        String groups;
        if (byPackage) {
            // a package is one row per agent already (the key of pending_updates): counting rows counts agents
            groups = "SELECT p.package_id AS k, p.ecosystem AS eco, count(*) AS agents, count(*) AS updates, " + gravest
                    + " AS gravest, bool_or(p.security) AS security" + rows + " GROUP BY 1, 2";
        } else {
            // per group and agent first (a hash aggregate), then per group: "agents affected" is a plain count, not a
            // count(DISTINCT) that sorts every row (10,000 agents × 150 updates: 2.2 s → 0.5 s by severity)
            groups = "SELECT k, eco, count(*) AS agents, sum(n) AS updates, min(gravest) AS gravest, bool_or(sec) AS security "
                    + "FROM (SELECT " + key + " AS k, NULL::text AS eco, p.agent_id, count(*) AS n, " + gravest + " AS gravest, "
                    + "bool_or(p.security) AS sec" + rows + " GROUP BY 1, 2, 3) per_agent GROUP BY k, eco";
        }
        StringBuilder sql = new StringBuilder("SELECT k, eco, agents, updates, (" + SEVERITY_ORDER + ")[gravest] AS severity, "
                + "security FROM (" + groups + ") g WHERE true");
        // most affected first; the cursor is the last entry's (agents, key, ecosystem): a page never repeats or skips
        // an entry whose count did not change
        String order = (byKey ? "" : "agents DESC, ") + "k" + (byPackage ? ", eco" : "");
        if (after != null) {
            String[] c = cursor(after);
            String past = byPackage ? "(k, eco) > (?, ?)" : "k > ?";
            if (byKey) {
                sql.append(" AND ").append(past);
            } else {
                sql.append(" AND (agents < ? OR (agents = ? AND " + past + "))");
                args.add(Long.parseLong(c[0]));
                args.add(Long.parseLong(c[0]));
            }
            args.add(c[1]);
            if (byPackage) {
                args.add(c[2]);
            }
        }
        sql.append(" ORDER BY ").append(order).append(" LIMIT ?");
        args.add(limit);
        return db.inTransaction(c -> Rows.query(c, sql.toString(), args, JdbcInventory::group));
    }

    private static io.redflag.protocol.UpdateGroupDTO group(ResultSet rs) throws SQLException {
        io.redflag.protocol.UpdateGroupDTO g = new io.redflag.protocol.UpdateGroupDTO();
        g.key = rs.getString("k");
        g.ecosystem = rs.getString("eco");
        g.agents = rs.getLong("agents");
        g.updates = rs.getLong("updates");
        g.severity = rs.getString("severity");
        g.security = rs.getBoolean("security");
        g.cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((g.agents + "\n" + g.key
                + "\n" + (g.ecosystem == null ? "" : g.ecosystem)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return g;
    }

    private static String[] cursor(String after) {
        try {
            String[] c = new String(java.util.Base64.getUrlDecoder().decode(after), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\n", -1);
            // a cursor is only ever what this server wrote: three lines, a count, no NUL
            if (c.length == 3 && c[0].matches("[0-9]{1,18}") && c[1].indexOf('\0') < 0 && c[2].indexOf('\0') < 0) {
                return c;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new InvalidMessageException("after", "is not a cursor this server gave");
    }

    @Override
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

    private static void requireAgent(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agents WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownAgentException(id);
                }
            }
        }
    }

    private static final TypeReference<List<FailedScannerDTO>> FAILED = new TypeReference<>() {};
    private static final TypeReference<List<BundleInventoryDTO>> BUNDLES = new TypeReference<>() {};
    private static final TypeReference<List<ScannerBreakerDTO>> BREAKERS = new TypeReference<>() {};
    private static final TypeReference<HostMetricsDTO> HOST = new TypeReference<>() {};
    private static final TypeReference<List<io.redflag.protocol.CoreUpdateDTO>> CORE_UPDATES = new TypeReference<>() {};
    private static final TypeReference<List<AgentAction>> ACCEPTS = new TypeReference<>() {};

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) a.getArray()));
    }

}
