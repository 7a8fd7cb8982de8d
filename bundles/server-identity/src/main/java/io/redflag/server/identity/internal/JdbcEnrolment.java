// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import io.redflag.binding.VerifiedProof;
import io.redflag.protocol.MessageRules;
import io.redflag.protocol.RebindDTO;
import io.redflag.protocol.RebindRequestDTO;
import io.redflag.protocol.Polling;
import io.redflag.protocol.RefreshRequestDTO;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.RegisterResponseDTO;
import io.redflag.protocol.RegistrationTokenDTO;
import io.redflag.protocol.RegistrationTokenInfoDTO;
import io.redflag.protocol.RegistrationTokenRequestDTO;
import io.redflag.protocol.TokenPairDTO;
import io.redflag.server.identity.AgentConflictException;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.identity.Enrolment;
import io.redflag.server.identity.UnknownRegistrationTokenException;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.UnknownAgentException;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Enrolment over PostgreSQL: each registration and each refresh is one transaction with row locks. */
@Component(service = Enrolment.class)
public final class JdbcEnrolment implements Enrolment {

    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    /** What a credential check inside a transaction came to: tokens, or the reason they were refused. */
    private record Outcome(String refusal, UUID agentId, TokenPairDTO tokens) {
        static Outcome refused(String why) {
            return new Outcome(why, null, null);
        }
    }

    private final Database db;
    private final JwtAccessTokens accessTokens;
    private final AuditLog audit;
    private final Inventory inventory;

    @Activate
    public JdbcEnrolment(@Reference Database db, @Reference JwtAccessTokens accessTokens, @Reference AuditLog audit,
            @Reference Inventory inventory) {
        this.db = db;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.inventory = inventory;
    }

    @Override
    public RegistrationTokenDTO createRegistrationToken(String operator, RegistrationTokenRequestDTO request) {
        RegistrationTokenRequestDTO r = MessageRules.check(request);
        int seats = r.seats;
        Duration lifetime = Duration.ofSeconds(r.expiresInSeconds);
        String note = r.note;
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
        RegistrationTokenDTO out = new RegistrationTokenDTO();
        out.id = id.toString();
        out.token = token;
        out.seats = seats;
        out.expiresAt = expires.toString();
        return out;
    }

    @Override
    public RegisterResponseDTO register(RegisterRequestDTO request, VerifiedProof proof) {
        RegisterRequestDTO r = MessageRules.check(request);
        Outcome outcome;
        try {
            outcome = db.inTransaction(c -> {
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
                Binding b = bind(c, r, tokenId, proof);
                inventory.createDefaultSubsystems(c, b.agentId(), r.scanners);
                TokenPairDTO tokens = issue(c, b.agentId(), r.machineId, proof.thumbprint, UUID.randomUUID());
                audit.append(c, "agent:" + b.agentId(), b.action(), "hostname=" + r.hostname + " machine=" + r.machineId
                        + " token=" + tokenId + " key=" + proof.thumbprint, b.security());
                return new Outcome(null, b.agentId(), tokens);
            });
        } catch (AgentConflictException e) {
            // the transaction (and the seat) rolled back; the attempt is a security event of its own
            audit.securityEvent("key:" + proof.thumbprint, "agent.register.conflict", e.getMessage() + " (machine="
                    + r.machineId + " hostname=" + r.hostname + ")");
            throw e;
        }
        if (outcome.refusal() != null) {
            // the transaction consumed nothing; the refusal is audited on its own
            audit.refusal("anonymous", "agent.register.refused", outcome.refusal() + " (hostname=" + r.hostname + ")");
            throw new CredentialsRefusedException(outcome.refusal());
        }
        TokenPairDTO pair = outcome.tokens();
        RegisterResponseDTO out = new RegisterResponseDTO();
        out.agentId = outcome.agentId().toString();
        out.accessToken = pair.accessToken;
        out.accessTokenExpiresIn = pair.accessTokenExpiresIn;
        out.refreshToken = pair.refreshToken;
        out.pollIntervalSeconds = Polling.DEFAULT_INTERVAL_SECONDS;
        return out;
    }

    /** Which agent a registration became, and how it is audited. */
    private record Binding(UUID agentId, String action, boolean security) {}

    private record AgentRow(UUID id, String machineId, String thumbprint, String status) {}

    private static AgentRow agentRow(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, machine_id, key_thumbprint, status FROM agents WHERE "
                + sql + " FOR UPDATE")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new AgentRow((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4)) : null;
            }
        }
    }

    /**
     * The agent this registration is: a new one; the same agent again (same machine, same key: it lost its
     * credentials); or an agent an operator opened for rebinding from this machine id. Anything else would hand an
     * agent to whoever knows its machine id, and is refused.
     */
    private Binding bind(Connection c, RegisterRequestDTO r, UUID tokenId, VerifiedProof proof) throws SQLException {
        AgentRow byKey = agentRow(c, "key_thumbprint = ?", proof.thumbprint);
        if (byKey != null && !byKey.machineId().equals(r.machineId)) {
            throw new AgentConflictException("this agent key already belongs to agent " + byKey.id() + " on another machine: "
                    + "a cloned agent is refused; give each machine its own agent (delete the copied machine-key.jwk and "
                    + "state.json)");
        }
        AgentRow byMachine = agentRow(c, "machine_id = ?", r.machineId);
        AgentRow rebind = agentRow(c, "rebind_machine_id = ? AND rebind_until > now() AND status = 'rebinding'", r.machineId);
        if (rebind != null) {
            if (byMachine != null && !byMachine.id().equals(rebind.id())) {
                throw new AgentConflictException("machine id " + r.machineId + " belongs to agent " + byMachine.id()
                        + "; delete that agent before agent " + rebind.id() + " can be rebound to it");
            }
            updateAgent(c, rebind.id(), r, tokenId, proof);
            return new Binding(rebind.id(), "agent.rebound", true);
        }
        if (byMachine == null) {
            UUID id = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (id, machine_id, hostname, os_family, "
                    + "agent_version) VALUES (?,?,?,?,?)")) {
                ps.setObject(1, id);
                ps.setString(2, r.machineId);
                ps.setString(3, r.hostname);
                ps.setString(4, r.osFamily);
                ps.setString(5, r.agentVersion);
                ps.executeUpdate();
            }
            updateAgent(c, id, r, tokenId, proof);
            return new Binding(id, "agent.register", false);
        }
        if (proof.thumbprint.equals(byMachine.thumbprint())) {
            if (!"active".equals(byMachine.status())) {
                throw new AgentConflictException("agent " + byMachine.id() + " of this machine is " + byMachine.status()
                        + "; an operator rebinds it (POST /api/v1/agents/" + byMachine.id() + "/rebind) or deletes it");
            }
            updateAgent(c, byMachine.id(), r, tokenId, proof);
            return new Binding(byMachine.id(), "agent.register.again", false);
        }
        throw new AgentConflictException("machine id " + r.machineId + " is already registered as agent " + byMachine.id()
                + " with another key; if this machine was reinstalled or replaced, an operator rebinds that agent "
                + "(POST /api/v1/agents/" + byMachine.id() + "/rebind) or deletes it, and this agent registers again");
    }

    /** The agent's facts and key as this registration gives them; its previous credential family (if any) dies. */
    private static void updateAgent(Connection c, UUID id, RegisterRequestDTO r, UUID tokenId, VerifiedProof proof)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET machine_id = ?, hostname = ?, os_family = ?, "
                + "os_version = ?, architecture = ?, agent_version = ?, registration_token_id = ?, key_thumbprint = ?, "
                + "public_key = ?, status = 'active', rebind_machine_id = NULL, rebind_until = NULL, last_seen_at = now() "
                + "WHERE id = ?")) {
            ps.setString(1, r.machineId);
            ps.setString(2, r.hostname);
            ps.setString(3, r.osFamily);
            ps.setString(4, r.osVersion);
            ps.setString(5, r.architecture);
            ps.setString(6, r.agentVersion);
            ps.setObject(7, tokenId);
            ps.setString(8, proof.thumbprint);
            ps.setString(9, proof.publicJwk);
            ps.setObject(10, id);
            ps.executeUpdate();
        }
        revokeRefreshTokens(c, id);
    }

    private static void revokeRefreshTokens(Connection c, UUID agentId) throws SQLException {
        try (PreparedStatement rv = c.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = now() WHERE agent_id = ? AND revoked_at IS NULL")) {
            rv.setObject(1, agentId);
            rv.executeUpdate();
        }
    }

    private TokenPairDTO issue(Connection c, UUID agentId, String machineId, String thumbprint, UUID family)
            throws SQLException {
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
        TokenPairDTO pair = new TokenPairDTO();
        pair.accessToken = accessTokens.issue(agentId.toString(), machineId, thumbprint);
        pair.accessTokenExpiresIn = JwtAccessTokens.LIFETIME.toSeconds();
        pair.refreshToken = refresh;
        return pair;
    }

    @Override
    public TokenPairDTO refresh(RefreshRequestDTO request, String machineId, VerifiedProof proof) {
        String refreshToken = MessageRules.check(request).refreshToken;
        MessageRules.required(machineId, "machine id header", 200);
        if (!refreshToken.startsWith(Secrets.REFRESH)) {
            throw new io.redflag.protocol.InvalidMessageException("refreshToken", "is not a refresh token (rft_…)");
        }
        Outcome outcome = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.agent_id, r.family, r.expires_at, "
                    + "r.consumed_at, r.revoked_at, a.machine_id, a.status, a.key_thumbprint FROM refresh_tokens r "
                    + "JOIN agents a ON a.id = r.agent_id WHERE r.token_hash = ? FOR UPDATE")) {
                ps.setBytes(1, Secrets.hash(refreshToken));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Outcome.refused("unknown refresh token");
                    }
                    UUID id = (UUID) rs.getObject("id");
                    UUID agentId = (UUID) rs.getObject("agent_id");
                    UUID family = (UUID) rs.getObject("family");
                    String boundKey = rs.getString("key_thumbprint");
                    if (boundKey != null && !boundKey.equals(proof.thumbprint)) {
                        // a stolen refresh token without the agent's key: refused, and the family left alone so that
                        // the thief cannot lock the real agent out either
                        audit.append(c, "agent:" + agentId, "refresh-token.wrong-key",
                                "refresh token presented with a proof by another key (" + proof.thumbprint + ")", true);
                        return Outcome.refused("refresh token presented with another key than the agent's");
                    }
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
                        return Outcome.refused("agent " + rs.getString("status"));
                    }
                    if (!rs.getString("machine_id").equals(machineId)) {
                        audit.append(c, "agent:" + agentId, "agent.clone.suspected", "refresh token and key of agent "
                                + agentId + " presented from another machine id", true);
                        return Outcome.refused("refresh token presented from another machine");
                    }
                    if (boundKey == null) {
                        // registered before machine binding: the first proof binds its key (trust on first use)
                        if (agentRow(c, "key_thumbprint = ?", proof.thumbprint) != null) {
                            return Outcome.refused("this key already belongs to another agent");
                        }
                        try (PreparedStatement u = c.prepareStatement(
                                "UPDATE agents SET key_thumbprint = ?, public_key = ? WHERE id = ?")) {
                            u.setString(1, proof.thumbprint);
                            u.setString(2, proof.publicJwk);
                            u.setObject(3, agentId);
                            u.executeUpdate();
                        }
                        audit.append(c, "agent:" + agentId, "agent.key.bound", "key " + proof.thumbprint
                                + " bound at its first renewal", false);
                    }
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE refresh_tokens SET consumed_at = now() WHERE id = ?")) {
                        u.setObject(1, id);
                        u.executeUpdate();
                    }
                    return new Outcome(null, agentId, issue(c, agentId, machineId, proof.thumbprint, family));
                }
            }
        });
        if (outcome.refusal() != null) {
            audit.refusal("anonymous", "refresh-token.refused", outcome.refusal());
            throw new CredentialsRefusedException(outcome.refusal());
        }
        return outcome.tokens();
    }

    @Override
    public RebindDTO rebind(String operator, UUID agentId, RebindRequestDTO request) {
        RebindRequestDTO r = MessageRules.check(request);
        Instant until = Instant.now().plusSeconds(r.expiresInSeconds);
        return db.inTransaction(c -> {
            String machine;
            try (PreparedStatement ps = c.prepareStatement("SELECT machine_id FROM agents WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownAgentException(agentId);
                    }
                    machine = r.machineId == null ? rs.getString(1) : r.machineId;
                }
            }
            AgentRow owner = agentRow(c, "machine_id = ?", machine);
            if (owner != null && !owner.id().equals(agentId)) {
                throw new AgentConflictException("machine id " + machine + " belongs to agent " + owner.id()
                        + "; delete that agent first");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET status = 'rebinding', key_thumbprint = NULL, "
                    + "public_key = NULL, rebind_machine_id = ?, rebind_until = ? WHERE id = ?")) {
                ps.setString(1, machine);
                ps.setTimestamp(2, Timestamp.from(until));
                ps.setObject(3, agentId);
                ps.executeUpdate();
            }
            revokeRefreshTokens(c, agentId);
            audit.append(c, operator, "agent.rebind", "agent=" + agentId + " machine=" + machine + " until=" + until, true);
            RebindDTO out = new RebindDTO();
            out.agentId = agentId.toString();
            out.machineId = machine;
            out.until = until.toString();
            return out;
        });
    }

    @Override
    public List<RegistrationTokenInfoDTO> registrationTokens() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, note, seats, used, expires_at, revoked_at, created_by, "
                    + "created_at FROM registration_tokens ORDER BY created_at DESC, id"); ResultSet rs = ps.executeQuery()) {
                List<RegistrationTokenInfoDTO> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(tokenInfo(rs));
                }
                return out;
            }
        });
    }

    private static RegistrationTokenInfoDTO tokenInfo(ResultSet rs) throws SQLException {
        RegistrationTokenInfoDTO t = new RegistrationTokenInfoDTO();
        t.id = rs.getString("id");
        t.note = rs.getString("note");
        t.seats = rs.getInt("seats");
        t.used = rs.getInt("used");
        t.expiresAt = Rows.iso(rs.getTimestamp("expires_at"));
        t.revokedAt = Rows.iso(rs.getTimestamp("revoked_at"));
        t.createdBy = rs.getString("created_by");
        t.createdAt = Rows.iso(rs.getTimestamp("created_at"));
        return t;
    }

    @Override
    public RegistrationTokenInfoDTO revokeRegistrationToken(String operator, UUID id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE registration_tokens SET revoked_at = coalesce(revoked_at, now()) "
                    + "WHERE id = ? RETURNING id, note, seats, used, expires_at, revoked_at, created_by, created_at")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownRegistrationTokenException(id);
                    }
                    audit.append(c, operator, "registration-token.revoke", "id=" + id, false);
                    return tokenInfo(rs);
                }
            }
        });
    }

    @Override
    public void revokeAgent(String operator, UUID agentId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET status = 'revoked' WHERE id = ?")) {
                ps.setObject(1, agentId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownAgentException(agentId);
                }
            }
            revokeRefreshTokens(c, agentId);
            audit.append(c, operator, "agent.revoke", "agent=" + agentId, true);
            return null;
        });
    }

    @Override
    public void deleteAgent(String operator, UUID agentId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM agents WHERE id = ?")) {
                ps.setObject(1, agentId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownAgentException(agentId);
                }
            }
            audit.append(c, operator, "agent.delete", "agent=" + agentId, true);
            return null;
        });
    }
}
