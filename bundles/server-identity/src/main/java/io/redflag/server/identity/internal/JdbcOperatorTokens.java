// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import io.redflag.protocol.MessageRules;
import io.redflag.protocol.OperatorRole;
import io.redflag.protocol.OperatorTokenDTO;
import io.redflag.protocol.OperatorTokenRequestDTO;
import io.redflag.server.identity.LastAdminException;
import io.redflag.server.identity.OperatorIdentity;
import io.redflag.server.identity.Operators;
import io.redflag.server.identity.UnknownOperatorTokenException;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator API tokens. On the very first start (no operator yet) an admin token is created and
 * written, once, to {@code <data dir>/initial-operator-token} (0600) for the person installing the
 * server; it is never logged.
 */
@Component(service = Operators.class, configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = "io.redflag.server")
@Designate(ocd = JdbcOperatorTokens.Config.class)
public final class JdbcOperatorTokens implements Operators {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOperatorTokens.class);
    public static final String INITIAL_TOKEN_FILE = "initial-operator-token";

    @ObjectClassDefinition(name = "RedFlag server")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the server's own files; the initial operator token is written here")
        String data_dir();
    }

    private final Database db;
    private final AuditLog audit;

    @Activate
    public JdbcOperatorTokens(@Reference Database db, @Reference AuditLog audit, Config config) throws IOException {
        this.db = db;
        this.audit = audit;
        Path file = Path.of(config.data_dir()).resolve(INITIAL_TOKEN_FILE);
        String token = Secrets.generate(Secrets.OPERATOR);
        boolean created = db.inTransaction(c -> {
            // one node wins the bootstrap even when several start at once
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE operator_tokens IN EXCLUSIVE MODE")) {
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM operator_tokens LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO operator_tokens (id, name, role, token_hash) VALUES (?, 'admin', 'admin', ?)")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setBytes(2, Secrets.hash(token));
                ps.executeUpdate();
            }
            audit.append(c, "server", "operator.bootstrap", "initial admin token created", false);
            return true;
        });
        if (created) {
            Secrets.writePrivate(file, token);
            LOG.info("Created the initial admin operator token; it is in {} (readable by this user only)", file);
        }
    }

    @Override
    public Optional<OperatorIdentity> authenticate(String token) {
        if (token == null || !token.startsWith(Secrets.OPERATOR)) {
            return Optional.empty();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE operator_tokens SET last_used_at = now() WHERE token_hash = ? AND revoked_at IS NULL "
                            + "RETURNING name, role")) {
                ps.setBytes(1, Secrets.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new OperatorIdentity(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    private static final String COLUMNS = "id, name, role, created_at, last_used_at, revoked_at";

    @Override
    public OperatorTokenDTO create(String by, OperatorTokenRequestDTO request) {
        OperatorTokenRequestDTO r = MessageRules.check(request);
        String token = Secrets.generate(Secrets.OPERATOR);
        OperatorTokenDTO out = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operator_tokens (id, name, role, token_hash) "
                    + "VALUES (?,?,?,?) RETURNING " + COLUMNS)) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, r.name);
                ps.setString(3, r.role.toString());
                ps.setBytes(4, Secrets.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    OperatorTokenDTO t = row(rs);
                    audit.append(c, by, "operator-token.create", "id=" + t.id + " name=" + t.name + " role=" + t.role, true);
                    return t;
                }
            }
        });
        out.token = token;
        return out;
    }

    @Override
    public List<OperatorTokenDTO> list() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operator_tokens "
                    + "ORDER BY created_at DESC, id"); ResultSet rs = ps.executeQuery()) {
                List<OperatorTokenDTO> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        });
    }

    @Override
    public OperatorTokenDTO revoke(String by, UUID id) {
        return db.inTransaction(c -> {
            // one admin change at a time, so two admins cannot revoke each other's last token at once
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE operator_tokens IN SHARE ROW EXCLUSIVE MODE")) {
                lock.execute();
            }
            OperatorTokenDTO t;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operator_tokens WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownOperatorTokenException("no operator token " + id);
                    }
                    t = row(rs);
                }
            }
            if (t.revokedAt != null) {
                return t;
            }
            if (t.role == OperatorRole.ADMIN) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM operator_tokens WHERE role = 'admin' AND revoked_at IS NULL AND id <> ?")) {
                    ps.setObject(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            throw new LastAdminException("token " + id + " is the last usable admin token; create another "
                                    + "admin token first");
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE operator_tokens SET revoked_at = now() WHERE id = ? "
                    + "RETURNING " + COLUMNS)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    audit.append(c, by, "operator-token.revoke", "id=" + id + " name=" + t.name, true);
                    return row(rs);
                }
            }
        });
    }

    private static OperatorTokenDTO row(ResultSet rs) throws java.sql.SQLException {
        OperatorTokenDTO t = new OperatorTokenDTO();
        t.id = rs.getString("id");
        t.name = rs.getString("name");
        t.role = OperatorRole.fromWire(rs.getString("role"));
        t.createdAt = Rows.iso(rs.getTimestamp("created_at"));
        t.lastUsedAt = Rows.iso(rs.getTimestamp("last_used_at"));
        t.revokedAt = Rows.iso(rs.getTimestamp("revoked_at"));
        return t;
    }
}
