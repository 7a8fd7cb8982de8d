// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.server.internal.auth.AuditLog;
import io.redflag.server.internal.db.Database;
import io.redflag.server.internal.rest.ApiException;
import io.redflag.server.internal.rest.Messages.CheckInRequest;
import io.redflag.server.internal.rest.Messages.CommandResultRequest;
import io.redflag.signing.SignedCommandDTO;
import io.redflag.signing.Signer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Check-in and results. Scans fall due per agent subsystem; a check-in turns due subsystems into
 * signed commands in the same transaction that hands them out, locking rows with SKIP LOCKED so any
 * number of server nodes can serve check-ins without a coordinator. Results are stored once per
 * command id: a resent result is acknowledged again and changes nothing.
 */
@Component(service = CommandQueue.class)
public final class CommandQueue {

    public static final int POLL_INTERVAL_SECONDS = 15;
    /** An undelivered result after this long means the agent lost the command: hand it out again. */
    static final long REDELIVER_AFTER_SECONDS = 300;
    /** When an enabled subsystem's scanner is missing on the agent, when to look again. */
    static final long UNAVAILABLE_RETRY_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Signer signer;
    private final AuditLog audit;

    @Activate
    public CommandQueue(@Reference Database db, @Reference Signer signer, @Reference AuditLog audit) {
        this.db = db;
        this.signer = signer;
        this.audit = audit;
    }

    public Map<String, Object> checkIn(UUID agentId, CheckInRequest req) {
        req.validate();
        List<SignedCommandDTO> commands = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET last_seen_at = now(), "
                    + "agent_version = coalesce(?, agent_version) WHERE id = ? AND status = 'active'")) {
                ps.setString(1, req.agentVersion);
                ps.setObject(2, agentId);
                if (ps.executeUpdate() == 0) {
                    throw ApiException.forbidden("agent " + agentId + " is not an active agent");
                }
            }
            scheduleDueScans(c, agentId, req.scanners);
            return openCommands(c, agentId);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commands", commands);
        out.put("pollIntervalSeconds", POLL_INTERVAL_SECONDS);
        out.put("serverTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return out;
    }

    /** One scan command per due, enabled subsystem the agent can run; at most one open per subsystem. */
    private void scheduleDueScans(Connection c, UUID agentId, List<String> activeScanners) throws SQLException {
        List<String[]> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ecosystem, interval_seconds, config::text FROM agent_subsystems "
                + "WHERE agent_id = ? AND enabled AND next_run_at <= now() FOR UPDATE SKIP LOCKED")) {
            ps.setObject(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        for (String[] d : due) {
            String eco = d[0];
            if (!activeScanners.contains(eco)) {
                markSubsystem(c, agentId, eco, "unavailable", "the agent has no active " + eco + " scanner");
                // look again a little later rather than at every check-in: the scanner may come back
                try (PreparedStatement ps = c.prepareStatement("UPDATE agent_subsystems SET next_run_at = now() + "
                        + "make_interval(secs => ?) WHERE agent_id = ? AND ecosystem = ?")) {
                    ps.setLong(1, UNAVAILABLE_RETRY_SECONDS);
                    ps.setObject(2, agentId);
                    ps.setString(3, eco);
                    ps.executeUpdate();
                }
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("ecosystem", eco);
            params.put("config", readJson(d[2]));
            insertCommand(c, agentId, SignedCommandDTO.TYPE_SCAN, eco, params);
            try (PreparedStatement ps = c.prepareStatement("UPDATE agent_subsystems SET next_run_at = now() + "
                    + "make_interval(secs => interval_seconds) WHERE agent_id = ? AND ecosystem = ?")) {
                ps.setObject(1, agentId);
                ps.setString(2, eco);
                ps.executeUpdate();
            }
        }
    }

    private static Object readJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("agent_subsystems.config is not JSON", e);
        }
    }

    /**
     * Queues a dry run or an install requested by an operator.
     *
     * @return the command id
     * @throws ApiException 409 when one of its kind is still open for that subsystem
     */
    public String request(String operator, UUID agentId, String type, String ecosystem, Map<String, Object> params) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agents WHERE id = ? AND status = 'active'")) {
                ps.setObject(1, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no active agent " + agentId);
                    }
                }
            }
            String id = insertCommand(c, agentId, type, ecosystem, params);
            if (id == null) {
                throw ApiException.conflict("a " + type + " command for " + ecosystem + " is still open on this agent");
            }
            audit.append(c, operator, "command." + type, "agent=" + agentId + " command=" + id + " params=" + params, false);
            return id;
        });
    }

    /** The command and, once the agent answered, its result. */
    public Map<String, Object> describe(UUID commandId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.agent_id, c.type, c.ecosystem, c.params, c.status, "
                    + "c.created_at, c.delivered_at, c.completed_at, r.body::text AS result FROM commands c "
                    + "LEFT JOIN command_results r ON r.command_id = c.id WHERE c.id = ?")) {
                ps.setObject(1, commandId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no command " + commandId);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString("id"));
                    m.put("agentId", rs.getString("agent_id"));
                    m.put("type", rs.getString("type"));
                    m.put("ecosystem", rs.getString("ecosystem"));
                    m.put("params", readJson(rs.getString("params")));
                    m.put("status", rs.getString("status"));
                    m.put("createdAt", Inventory.iso(rs.getTimestamp("created_at")));
                    m.put("deliveredAt", Inventory.iso(rs.getTimestamp("delivered_at")));
                    m.put("completedAt", Inventory.iso(rs.getTimestamp("completed_at")));
                    String result = rs.getString("result");
                    m.put("result", result == null ? null : readJson(result));
                    return m;
                }
            }
        });
    }

    /** Signs and queues a command, unless one of its kind is already open for that subsystem; returns its id or null. */
    public String insertCommand(Connection c, UUID agentId, String type, String ecosystem, Map<String, Object> params)
            throws SQLException {
        SignedCommandDTO cmd = new SignedCommandDTO();
        cmd.id = UUID.randomUUID().toString();
        cmd.agentId = agentId.toString();
        cmd.type = type;
        try {
            cmd.params = JSON.writeValueAsString(params);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("command parameters are not serialisable", e);
        }
        cmd.issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        signer.sign(cmd);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO commands (id, agent_id, type, ecosystem, params, "
                + "issued_at, key_id, signature) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, UUID.fromString(cmd.id));
            ps.setObject(2, agentId);
            ps.setString(3, cmd.type);
            ps.setString(4, ecosystem);
            ps.setString(5, cmd.params);
            ps.setString(6, cmd.issuedAt);
            ps.setString(7, cmd.keyId);
            ps.setString(8, cmd.signature);
            return ps.executeUpdate() == 1 ? cmd.id : null;
        }
    }

    private static List<SignedCommandDTO> openCommands(Connection c, UUID agentId) throws SQLException {
        List<SignedCommandDTO> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE commands SET status = 'delivered', delivered_at = now(), "
                + "deliveries = deliveries + 1 WHERE id IN (SELECT id FROM commands WHERE agent_id = ? AND "
                + "(status = 'pending' OR (status = 'delivered' AND delivered_at < now() - make_interval(secs => ?))) "
                + "ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED) "
                + "RETURNING id, agent_id, type, params, issued_at, key_id, signature")) {
            ps.setObject(1, agentId);
            ps.setLong(2, REDELIVER_AFTER_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SignedCommandDTO cmd = new SignedCommandDTO();
                    cmd.id = rs.getString("id");
                    cmd.agentId = rs.getString("agent_id");
                    cmd.type = rs.getString("type");
                    cmd.params = rs.getString("params");
                    cmd.issuedAt = rs.getString("issued_at");
                    cmd.keyId = rs.getString("key_id");
                    cmd.signature = rs.getString("signature");
                    out.add(cmd);
                }
            }
        }
        return out;
    }

    /** Stores a command's result once; returns whether it was new. */
    public boolean storeResult(UUID agentId, CommandResultRequest r) {
        r.validate();
        UUID commandId;
        try {
            commandId = UUID.fromString(r.commandId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("commandId is not a UUID");
        }
        boolean fresh = db.inTransaction(c -> {
            String type;
            String ecosystem;
            String status;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT type, ecosystem, status FROM commands WHERE id = ? AND agent_id = ? FOR UPDATE")) {
                ps.setObject(1, commandId);
                ps.setObject(2, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("no command " + commandId + " for this agent");
                    }
                    type = rs.getString(1);
                    ecosystem = rs.getString(2);
                    status = rs.getString(3);
                }
            }
            if (!status.equals("pending") && !status.equals("delivered")) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO command_results (command_id, agent_id, status, body) "
                    + "VALUES (?,?,?,?::jsonb)")) {
                ps.setObject(1, commandId);
                ps.setObject(2, agentId);
                ps.setString(3, r.status);
                ps.setString(4, toJson(r));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE commands SET status = ?, completed_at = now() WHERE id = ?")) {
                ps.setString(1, r.status);
                ps.setObject(2, commandId);
                ps.executeUpdate();
            }
            if (r.status.equals("refused")) {
                audit.append(c, "agent:" + agentId, "command.refused-by-agent",
                        "command " + commandId + " (" + type + "): " + r.message, true);
            }
            if (SignedCommandDTO.TYPE_SCAN.equals(type) && ecosystem != null) {
                if (r.status.equals("completed") && r.scan != null) {
                    Inventory.replace(c, agentId, ecosystem, r.scan.updates);
                    markSubsystem(c, agentId, ecosystem, r.scan.status.name().toLowerCase(java.util.Locale.ROOT),
                            r.scan.message);
                } else {
                    markSubsystem(c, agentId, ecosystem, r.status, r.message);
                }
            }
            return true;
        });
        if ("refused".equals(r.status)) {
            org.slf4j.LoggerFactory.getLogger("io.redflag.security")
                    .warn("security event: agent {} refused command {}: {}", agentId, commandId, r.message);
        }
        return fresh;
    }

    private static void markSubsystem(Connection c, UUID agentId, String eco, String status, String message)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agent_subsystems SET last_run_at = now(), last_status = ?, "
                + "last_message = ? WHERE agent_id = ? AND ecosystem = ?")) {
            ps.setString(1, status);
            ps.setString(2, message);
            ps.setObject(3, agentId);
            ps.setString(4, eco);
            ps.executeUpdate();
        }
    }

    private static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("result cannot be stored: " + e.getOriginalMessage());
        }
    }
}
