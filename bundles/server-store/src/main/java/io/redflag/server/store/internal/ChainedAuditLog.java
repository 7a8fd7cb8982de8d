// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store.internal;

import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.LogText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, hash-chained so that a deleted or edited row breaks the chain. Security events
 * (refused tokens, bad signatures) are also logged at WARN. Callers never pass secrets in.
 */
@Component(service = AuditLog.class)
public final class ChainedAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.redflag.security");
    // one writer at a time across all server nodes, so each row links to the true previous one
    private static final long CHAIN_LOCK = 0x7265646661756469L;

    private final Database db;

    @Activate
    public ChainedAuditLog(@Reference Database db) {
        this.db = db;
    }

    @Override
    public void record(String actor, String action, String detail) {
        db.inTransaction(c -> {
            append(c, actor, action, detail, false);
            return null;
        });
    }

    /** A refused request: logged and audited in its own transaction, so a rollback of the request keeps it. */
    @Override
    public void securityEvent(String actor, String action, String detail) {
        LOG.warn("security event: {} by {}: {}", action, LogText.safe(actor), LogText.safe(detail));
        try {
            db.inTransaction(c -> {
                append(c, actor, action, detail, true);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not write security event {} to the audit log: {}", action, e.getMessage());
        }
    }

    @Override
    public void append(Connection c, String actor, String action, String detail, boolean security) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, CHAIN_LOCK);
            lock.execute();
        }
        String prev = "";
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                prev = rs.getString(1);
            }
        }
        String hash = sha256(prev + "\n" + actor + "\n" + action + "\n" + security + "\n" + detail);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (actor, action, security, detail, prev_hash, hash) VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setBoolean(3, security);
            ps.setString(4, detail);
            ps.setString(5, prev);
            ps.setString(6, hash);
            ps.executeUpdate();
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
