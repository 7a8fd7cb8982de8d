// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import io.redflag.protocol.AccountDTO;
import io.redflag.protocol.AccountRequestDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.protocol.OperatorRole;
import io.redflag.protocol.PasswordChangeDTO;
import io.redflag.server.identity.Accounts;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.identity.OperatorIdentity;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console accounts and sessions in PostgreSQL (so that every server node knows every session): accounts keep an
 * Argon2id hash ({@link Passwords}), sessions only the SHA-256 of their 256-bit secret.
 */
@Component(service = Accounts.class, configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = "io.redflag.server")
public final class JdbcAccounts implements Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAccounts.class);
    public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
    static final String SESSION = "rfs_";
    /** A hash to verify against when the name is unknown, so that an unknown name costs as long as a wrong password. */
    private static final class Decoy {
        static final String HASH = Passwords.hash(Passwords.oneTime()); // made at the first sign-in, not at start
    }

    private final Database db;
    private final AuditLog audit;

    @Activate
    public JdbcAccounts(@Reference Database db, @Reference AuditLog audit, JdbcOperatorTokens.Config config)
            throws IOException {
        this.db = db;
        this.audit = audit;
        Path file = Path.of(config.data_dir()).resolve(INITIAL_PASSWORD_FILE);
        String password = Passwords.oneTime();
        boolean created = db.inTransaction(c -> {
            // one node wins the bootstrap even when several start at once
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE operator_accounts IN EXCLUSIVE MODE")) {
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM operator_accounts LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            insert(c, "admin", OperatorRole.ADMIN, Passwords.hash(password), "server"); // only on the very first start
            audit.append(c, "server", "account.bootstrap", "initial admin account created", false);
            return true;
        });
        if (created) {
            Secrets.writePrivate(file, password);
            LOG.info("Created the console's admin account; its one-time password is in {} (readable by this user only)",
                    file);
        }
    }

    private static AccountDTO insert(Connection c, String name, OperatorRole role, String hash, String by)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO operator_accounts (id, name, role, password_hash, "
                + "created_by) VALUES (?,?,?,?,?) ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, name);
            ps.setString(3, role.toString());
            ps.setString(4, hash);
            ps.setString(5, by);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    private static final String COLUMNS = "id, name, role, created_at, created_by, must_change_password, disabled_at";

    private static AccountDTO row(ResultSet rs) throws SQLException {
        AccountDTO a = new AccountDTO();
        a.id = rs.getString("id");
        a.name = rs.getString("name");
        a.role = OperatorRole.fromWire(rs.getString("role"));
        a.createdAt = Rows.iso(rs.getTimestamp("created_at"));
        a.createdBy = rs.getString("created_by");
        a.mustChangePassword = rs.getBoolean("must_change_password");
        a.disabledAt = Rows.iso(rs.getTimestamp("disabled_at"));
        return a;
    }

    @Override
    public Optional<Session> signIn(String name, String password) {
        record Found(UUID id, String hash, String role, boolean mustChange) {}
        Found found = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, password_hash, role, must_change_password "
                    + "FROM operator_accounts WHERE name = ? AND disabled_at IS NULL")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Found((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))
                            : null;
                }
            }
        });
        boolean right = Passwords.verify(password, found == null ? Decoy.HASH : found.hash());
        if (found == null || !right) {
            return Optional.empty();
        }
        return Optional.of(db.inTransaction(c -> {
            Session s = open(c, found.id(), new OperatorIdentity(name, found.role()), found.mustChange());
            audit.append(c, "operator:" + name, "account.sign-in", "console session", false);
            return s;
        }));
    }

    private static Session open(Connection c, UUID account, OperatorIdentity who, boolean mustChange) throws SQLException {
        String secret = Secrets.generate(SESSION);
        String csrf = Secrets.generate("");
        Instant now = Instant.now();
        Instant expires = now.plus(LIFETIME);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_sessions (secret_hash, account_id, csrf_token, "
                + "expires_at) VALUES (?,?,?,?)")) {
            ps.setBytes(1, Secrets.hash(secret));
            ps.setObject(2, account);
            ps.setString(3, csrf);
            ps.setTimestamp(4, Timestamp.from(expires));
            ps.executeUpdate();
        }
        return new Session(secret, csrf, who, mustChange, min(now.plus(IDLE), expires), expires);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public Optional<Session> session(String secret) {
        if (secret == null || !secret.startsWith(SESSION) || secret.length() > 200) {
            return Optional.empty();
        }
        // alive: not past its end, used within the idle time, its account not disabled; using it keeps it alive
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE console_sessions s SET last_used_at = now() "
                    + "FROM operator_accounts a WHERE s.secret_hash = ? AND a.id = s.account_id AND a.disabled_at IS NULL "
                    + "AND s.expires_at > now() AND s.last_used_at > now() - make_interval(secs => ?) "
                    + "RETURNING s.csrf_token, a.name, a.role, a.must_change_password, s.expires_at")) {
                ps.setBytes(1, Secrets.hash(secret));
                ps.setLong(2, IDLE.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Instant expires = rs.getTimestamp(5).toInstant();
                    return Optional.of(new Session(secret, rs.getString(1), new OperatorIdentity(rs.getString(2),
                            rs.getString(3)), rs.getBoolean(4), min(Instant.now().plus(IDLE), expires), expires));
                }
            }
        });
    }

    @Override
    public void signOut(String secret) {
        if (secret == null) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_sessions WHERE secret_hash = ? "
                    + "RETURNING (SELECT name FROM operator_accounts a WHERE a.id = account_id)")) {
                ps.setBytes(1, Secrets.hash(secret));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        audit.append(c, "operator:" + rs.getString(1), "account.sign-out", "console session", false);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Session changePassword(String secret, PasswordChangeDTO change) {
        PasswordChangeDTO r = MessageRules.check(change);
        Session s = session(secret).orElseThrow(() -> new CredentialsRefusedException("not signed in"));
        String stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM operator_accounts WHERE name = ?")) {
                ps.setString(1, s.operator().name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (stored == null || !Passwords.verify(r.current, stored)) {
            throw new CredentialsRefusedException("the current password is not right");
        }
        String hash = Passwords.hash(r.next);
        return db.inTransaction(c -> {
            UUID account;
            try (PreparedStatement ps = c.prepareStatement("UPDATE operator_accounts SET password_hash = ?, "
                    + "must_change_password = false, password_changed_at = now() WHERE name = ? RETURNING id")) {
                ps.setString(1, hash);
                ps.setString(2, s.operator().name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    account = (UUID) rs.getObject(1);
                }
            }
            // every session of the account ends, this one too: the new one below is the only one left
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_sessions WHERE account_id = ?")) {
                ps.setObject(1, account);
                ps.executeUpdate();
            }
            audit.append(c, "operator:" + s.operator().name(), "account.password", "password changed; other sessions ended",
                    true);
            return open(c, account, s.operator(), false);
        });
    }

    @Override
    public AccountDTO create(String by, AccountRequestDTO request) {
        AccountRequestDTO r = MessageRules.check(request);
        String password = Passwords.oneTime();
        String hash = Passwords.hash(password);
        AccountDTO out = db.inTransaction(c -> {
            AccountDTO a = insert(c, r.name, r.role, hash, by);
            if (a == null) {
                throw new io.redflag.protocol.InvalidMessageException("name", "an account named " + r.name + " exists");
            }
            audit.append(c, by, "account.create", "id=" + a.id + " name=" + a.name + " role=" + a.role, true);
            return a;
        });
        out.oneTimePassword = password;
        return out;
    }

    @Override
    public List<AccountDTO> list() {
        return db.read(c -> {
            List<AccountDTO> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operator_accounts ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }
}
