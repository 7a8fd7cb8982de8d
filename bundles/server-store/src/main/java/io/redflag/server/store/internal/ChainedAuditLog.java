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
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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

    static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);
    /** Beyond this many sources in one window, further ones are counted under one key. */
    static final int MAX_REFUSAL_KEYS = 10_000;

    /** Refusals of one kind from one source in the current window, beyond the first (written at once). */
    private static final class Window {
        final String actor;
        final String action;
        final long started;
        int more;
        String last;

        Window(String actor, String action, long started) {
            this.actor = actor;
            this.action = action;
            this.started = started;
        }
    }

    private final Database db;
    private final Map<String, Window> refusals = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redflag-audit-refusals");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ChainedAuditLog(@Reference Database db) {
        this.db = db;
        flusher.scheduleWithFixedDelay(() -> flushRefusals(false), 5, 5, TimeUnit.SECONDS);
    }

    /** Writes the counts still open, if the database answers within a few seconds (a stopping server must not hang). */
    @Deactivate
    void stop() {
        try {
            flusher.submit(() -> flushRefusals(true)).get(3, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            refusals.values().stream().filter(w -> w.more > 0).forEach(w -> LOG.warn("security event: {} by {}: {} more "
                    + "refused (not in the audit log: the server stopped)", w.action, LogText.safe(w.actor), w.more));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flusher.shutdownNow();
        }
    }

    @Override
    public void refusal(String source, String action, String detail) {
        long now = System.nanoTime();
        String key = refusals.size() >= MAX_REFUSAL_KEYS ? action + "\n*" : action + "\n" + source;
        String actor = key.endsWith("\n*") ? "(many sources)" : source;
        boolean[] first = {false};
        refusals.compute(key, (k, w) -> {
            if (w == null) {
                first[0] = true;
                return new Window(actor, action, now);
            }
            // compute holds the key's lock, as does the flusher's remove: no count is lost between them
            w.more++;
            w.last = detail;
            return w;
        });
        if (first[0]) {
            securityEvent(actor, action, detail);
        }
    }

    /** Writes what each ended window counted beyond its first refusal; with {@code all}, every window. */
    public void flushRefusals(boolean all) {
        long now = System.nanoTime();
        for (Map.Entry<String, Window> e : refusals.entrySet()) {
            Window w = e.getValue();
            if (all || now - w.started >= REFUSAL_WINDOW.toNanos()) {
                if (refusals.remove(e.getKey(), w) && w.more > 0) {
                    securityEvent(w.actor, w.action, w.more + " more refused within " + REFUSAL_WINDOW.toSeconds()
                            + " s of the first; the last: " + w.last);
                }
            }
        }
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

    @Override
    public java.util.List<io.redflag.protocol.AuditEntryDTO> read(String actor, String actionPrefix, Boolean security,
            Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, security, detail, hash FROM audit_log WHERE true");
        java.util.List<Object> args = new java.util.ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (actionPrefix != null) {
            sql.append(" AND action LIKE ? ESCAPE '\\'");
            args.add(actionPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (security != null) {
            sql.append(" AND security = ?");
            args.add(security);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return db.inTransaction(c -> io.redflag.server.store.Rows.query(c, sql.toString(), args, rs -> {
            io.redflag.protocol.AuditEntryDTO e = new io.redflag.protocol.AuditEntryDTO();
            e.id = rs.getLong(1);
            e.at = io.redflag.server.store.Rows.iso(rs.getTimestamp(2));
            e.actor = rs.getString(3);
            e.action = rs.getString(4);
            e.security = rs.getBoolean(5);
            e.detail = rs.getString(6);
            e.hash = rs.getString(7);
            return e;
        }));
    }

    @Override
    public io.redflag.protocol.AuditVerificationDTO verify() {
        return db.inTransaction(c -> {
            io.redflag.protocol.AuditVerificationDTO v = new io.redflag.protocol.AuditVerificationDTO();
            v.intact = true;
            String prev = "";
            try (PreparedStatement ps = c.prepareStatement("SELECT id, actor, action, security, detail, prev_hash, hash "
                    + "FROM audit_log ORDER BY id")) {
                ps.setFetchSize(1000); // streamed: the log may be long
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        v.checked++;
                        String expected = sha256(rs.getString(6) + "\n" + rs.getString(2) + "\n" + rs.getString(3) + "\n"
                                + rs.getBoolean(4) + "\n" + rs.getString(5));
                        if (!prev.equals(rs.getString(6))) {
                            return broken(v, id, "its previous hash is not the hash of the row before it: a row was removed "
                                    + "or inserted before it");
                        }
                        if (!expected.equals(rs.getString(7))) {
                            return broken(v, id, "its hash does not match its content: the row was edited");
                        }
                        prev = rs.getString(7);
                    }
                }
            }
            v.head = prev.isEmpty() ? null : prev;
            return v;
        });
    }

    private static io.redflag.protocol.AuditVerificationDTO broken(io.redflag.protocol.AuditVerificationDTO v, long id,
            String reason) {
        v.intact = false;
        v.brokenAt = id;
        v.reason = "row " + id + ": " + reason;
        return v;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
