// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

import io.redflag.server.store.Database;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When agents were last seen, written behind: a check-in that changes nothing else marks its agent here, and once a
 * second one statement moves {@code last_seen_at} of every agent marked since to the database's now — forward only, so
 * any number of server nodes may do it over one database. The usual check-in then commits no write at all (no WAL
 * flush). What reads {@code last_seen_at} (online status, listings) sees it at most a flush late.
 */
final class SeenWriter extends WriteBehind {

    /** How often marked agents are written. */
    static final long FLUSH_MILLIS = 1000;
    /** Most agents one statement moves (a node's share of a very large fleet in one second). */
    private static final int BATCH = 5000;
    private static final String FLUSH = "UPDATE agents SET last_seen_at = now() WHERE id = ANY (?::uuid[]) "
            + "AND status = 'active' AND (last_seen_at IS NULL OR last_seen_at < now())";

    private final Database db;
    private final Set<UUID> marked = ConcurrentHashMap.newKeySet();

    SeenWriter(Database db) {
        super("redflag-last-seen", "last-seen times");
        this.db = db;
        start(FLUSH_MILLIS);
    }

    void mark(UUID agentId) {
        marked.add(agentId);
    }

    /** Writes every agent marked so far; those it could not write stay marked. */
    void flush() {
        flush(true);
    }

    @Override
    void flush(boolean last) {
        while (!marked.isEmpty()) {
            List<UUID> batch = new ArrayList<>(Math.min(BATCH, marked.size()));
            for (UUID id : marked) {
                batch.add(id);
                if (batch.size() == BATCH) {
                    break;
                }
            }
            batch.forEach(marked::remove);
            try {
                db.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(FLUSH)) {
                        ps.setArray(1, c.createArrayOf("text", batch.stream().map(UUID::toString).toArray()));
                        return ps.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                marked.addAll(batch);
                throw e;
            }
        }
    }
}
