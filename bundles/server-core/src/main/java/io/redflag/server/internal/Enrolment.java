// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal;

import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.server.internal.auth.AccessTokens;
import io.redflag.server.internal.auth.AuditLog;
import io.redflag.server.internal.auth.Secrets;
import io.redflag.server.internal.db.Database;
import io.redflag.server.internal.rest.ApiException;
import io.redflag.server.internal.rest.Messages.RegisterRequest;
import io.redflag.server.internal.rest.Messages.TokenPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registration tokens with seats and expiry, agent registration, and rotating refresh tokens: a
 * refresh token works once; presenting a used one again revokes its whole family (it was stolen,
 * or the agent was cloned).
 */
@Component(service = Enrolment.class)
public final class Enrolment {

    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    /** What a credential check inside a transaction came to: tokens, or the reason they were refused. */
    private record Outcome(String refusal, UUID agentId, TokenPair tokens) {
        static Outcome refused(String why) {
            return new Outcome(why, null, null);
        }
    }

    private final Database db;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final SubsystemCatalog catalog;

    @Activate
    public Enrolment(@Reference Database db, @Reference AccessTokens accessTokens, @Reference AuditLog audit,
            @Reference SubsystemCatalog catalog) {
        this.db = db;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.catalog = catalog;
    }

    /** Creates a registration token; the secret is returned once and only its hash is kept. */
    public Map<String, Object> createRegistrationToken(String operator, int seats, Duration lifetime, String note) {
        if (seats < 1 || seats > 100_000) {
            throw ApiException.badRequest("seats must be between 1 and 100000");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(365)) > 0) {
            throw ApiException.badRequest("expiresInSeconds must be between 1 and 31536000");
        }
        String token = Secrets.generate(Secrets.REGISTRATION);
        UUID id = UUID.randomUUID();
        Instant expires = Instant.now().plus(lifetime);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration_tokens "
                    + "(id, token_hash, note, seats, expires_at, created_by) VALUES (?,?,?,?,?,?)")) {
                ps.setObject(1, id);
                ps.setBytes(2, Secrets.hash(token));
                ps.setString(3, note);
                ps.setInt(4, seats);
                ps.setTimestamp(5, Timestamp.from(expires));
                ps.setString(6, operator);
                ps.executeUpdate();
            }
            audit.append(c, operator, "registration-token.create", "id=" + id + " seats=" + seats, false);
            return null;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.toString());
        out.put("token", token);
        out.put("seats", seats);
        out.put("expiresAt", expires.toString());
        return out;
    }

    /** Consumes one seat of the token and creates (or re-binds) the agent for this machine. */
    public Map<String, Object> register(RegisterRequest r) {
        r.validate();
        Outcome outcome = db.inTransaction(c -> {
                UUID tokenId;
                try (PreparedStatement ps = c.prepareStatement("SELECT id, seats, used, expires_at, revoked_at "
                        + "FROM registration_tokens WHERE token_hash = ? FOR UPDATE")) {
                    ps.setBytes(1, Secrets.hash(r.registrationToken));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Outcome.refused("unknown registration token");
                        }
                        if (rs.getTimestamp("revoked_at") != null) {
                            return Outcome.refused("registration token revoked");
                        }
                        if (rs.getTimestamp("expires_at").toInstant().isBefore(Instant.now())) {
                            return Outcome.refused("registration token expired");
                        }
                        if (rs.getInt("used") >= rs.getInt("seats")) {
                            return Outcome.refused("registration token has no seats left");
                        }
                        tokenId = (UUID) rs.getObject("id");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE registration_tokens SET used = used + 1 WHERE id = ?")) {
                    ps.setObject(1, tokenId);
                    ps.executeUpdate();
                }
                UUID id = upsertAgent(c, r, tokenId);
                createDefaultSubsystems(c, id, r);
                TokenPair tokens = issue(c, id, r.machineId, UUID.randomUUID());
                audit.append(c, "agent:" + id, "agent.register",
                        "hostname=" + r.hostname + " machine=" + r.machineId + " token=" + tokenId, false);
                return new Outcome(null, id, tokens);
            });
        if (outcome.refusal() != null) {
            // the transaction consumed nothing; the refusal is audited on its own
            audit.securityEvent("anonymous", "agent.register.refused", outcome.refusal() + " (hostname=" + r.hostname + ")");
            throw ApiException.unauthorized(outcome.refusal());
        }
        UUID agentId = outcome.agentId();
        TokenPair pair = outcome.tokens();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agentId", agentId.toString());
        out.put("accessToken", pair.accessToken);
        out.put("accessTokenExpiresIn", pair.accessTokenExpiresIn);
        out.put("refreshToken", pair.refreshToken);
        out.put("pollIntervalSeconds", CommandQueue.POLL_INTERVAL_SECONDS);
        return out;
    }

    private static UUID upsertAgent(Connection c, RegisterRequest r, UUID tokenId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (id, machine_id, hostname, os_family, "
                + "os_version, architecture, agent_version, registration_token_id, last_seen_at) "
                + "VALUES (?,?,?,?,?,?,?,?, now()) ON CONFLICT (machine_id) DO UPDATE SET hostname = excluded.hostname, "
                + "os_family = excluded.os_family, os_version = excluded.os_version, architecture = excluded.architecture, "
                + "agent_version = excluded.agent_version, registration_token_id = excluded.registration_token_id, "
                + "status = 'active', last_seen_at = now() RETURNING id")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, r.machineId);
            ps.setString(3, r.hostname);
            ps.setString(4, r.osFamily);
            ps.setString(5, r.osVersion);
            ps.setString(6, r.architecture);
            ps.setString(7, r.agentVersion);
            ps.setObject(8, tokenId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                UUID id = (UUID) rs.getObject(1);
                // a re-registered machine starts a new credential family; the old one is dead
                try (PreparedStatement rv = c.prepareStatement(
                        "UPDATE refresh_tokens SET revoked_at = now() WHERE agent_id = ? AND revoked_at IS NULL")) {
                    rv.setObject(1, id);
                    rv.executeUpdate();
                }
                return id;
            }
        }
    }

    /** Every subsystem the agent can run and the server knows is enabled with its default interval. */
    private void createDefaultSubsystems(Connection c, UUID agentId, RegisterRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_subsystems (agent_id, ecosystem, enabled, "
                + "interval_seconds, next_run_at) VALUES (?,?,true,?, now()) ON CONFLICT DO NOTHING")) {
            for (String eco : r.scanners) {
                SubsystemDescriptor d = catalog.find(eco).orElse(null);
                if (d == null) {
                    continue; // the agent has a plug-in this server does not know: nothing to schedule
                }
                ps.setObject(1, agentId);
                ps.setString(2, eco);
                ps.setInt(3, (int) Math.max(60, d.defaultInterval().toSeconds()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private TokenPair issue(Connection c, UUID agentId, String machineId, UUID family) throws SQLException {
        String refresh = Secrets.generate(Secrets.REFRESH);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO refresh_tokens (id, agent_id, family, token_hash, "
                + "expires_at) VALUES (?,?,?,?,?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, agentId);
            ps.setObject(3, family);
            ps.setBytes(4, Secrets.hash(refresh));
            ps.setTimestamp(5, Timestamp.from(Instant.now().plus(REFRESH_LIFETIME)));
            ps.executeUpdate();
        }
        TokenPair pair = new TokenPair();
        pair.accessToken = accessTokens.issue(agentId.toString(), machineId);
        pair.accessTokenExpiresIn = AccessTokens.LIFETIME.toSeconds();
        pair.refreshToken = refresh;
        return pair;
    }

    /** Exchanges a refresh token for a new pair; the machine id must be the one the agent registered with. */
    public TokenPair refresh(String refreshToken, String machineId) {
        if (refreshToken == null || !refreshToken.startsWith(Secrets.REFRESH)) {
            throw ApiException.badRequest("refreshToken missing or not a refresh token");
        }
        Outcome outcome = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.agent_id, r.family, r.expires_at, "
                    + "r.consumed_at, r.revoked_at, a.machine_id, a.status FROM refresh_tokens r "
                    + "JOIN agents a ON a.id = r.agent_id WHERE r.token_hash = ? FOR UPDATE OF r")) {
                ps.setBytes(1, Secrets.hash(refreshToken));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Outcome.refused("unknown refresh token");
                    }
                    UUID id = (UUID) rs.getObject("id");
                    UUID agentId = (UUID) rs.getObject("agent_id");
                    UUID family = (UUID) rs.getObject("family");
                    if (rs.getTimestamp("consumed_at") != null) {
                        try (PreparedStatement rv = c.prepareStatement(
                                "UPDATE refresh_tokens SET revoked_at = now() WHERE family = ? AND revoked_at IS NULL")) {
                            rv.setObject(1, family);
                            rv.executeUpdate();
                        }
                        audit.append(c, "agent:" + agentId, "refresh-token.reuse",
                                "a used refresh token was presented again; family " + family + " revoked", true);
                        return Outcome.refused("refresh token already used; all tokens of this agent session are revoked");
                    }
                    if (rs.getTimestamp("revoked_at") != null) {
                        return Outcome.refused("refresh token revoked");
                    }
                    if (rs.getTimestamp("expires_at").toInstant().isBefore(Instant.now())) {
                        return Outcome.refused("refresh token expired");
                    }
                    if (!"active".equals(rs.getString("status"))) {
                        return Outcome.refused("agent revoked");
                    }
                    if (!rs.getString("machine_id").equals(machineId)) {
                        return Outcome.refused("refresh token presented from another machine");
                    }
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE refresh_tokens SET consumed_at = now() WHERE id = ?")) {
                        u.setObject(1, id);
                        u.executeUpdate();
                    }
                    return new Outcome(null, agentId, issue(c, agentId, machineId, family));
                }
            }
        });
        if (outcome.refusal() != null) {
            audit.securityEvent("anonymous", "refresh-token.refused", outcome.refusal());
            throw ApiException.unauthorized(outcome.refusal());
        }
        return outcome.tokens();
    }
}
