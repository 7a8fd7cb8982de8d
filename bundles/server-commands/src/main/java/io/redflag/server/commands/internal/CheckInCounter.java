// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

import io.redflag.protocol.CheckInActivityDTO;
import io.redflag.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Check-ins per minute, counted in memory and added to {@code check_in_counts} once the minute is over (an upsert that
 * adds, so nodes sharing the database share its rows); rows older than the retention go once an hour. A minute whose
 * write fails is kept for the next round; the series this node answers includes what it has not written yet.
 */
final class CheckInCounter extends WriteBehind {

    /** A minute reaches the database at most this long after it ends. */
    static final long FLUSH_MILLIS = 5000;
    /** About this many buckets in a series, each a whole number of minutes. */
    static final int BUCKETS = 120;
    private static final String ADD = "INSERT INTO check_in_counts (minute, check_ins) VALUES (?, ?) "
            + "ON CONFLICT (minute) DO UPDATE SET check_ins = check_in_counts.check_ins + excluded.check_ins";
    private static final String PRUNE = "DELETE FROM check_in_counts WHERE minute < now() - make_interval(hours => ?)";
    private static final String SERIES = "SELECT minute, check_ins FROM check_in_counts WHERE minute >= ? ORDER BY minute";

    private final Database db;
    private final Map<Long, LongAdder> perMinute = new ConcurrentHashMap<>();
    private volatile long prunedAt;

    CheckInCounter(Database db) {
        super("redflag-check-in-counts", "check-in counts");
        this.db = db;
        start(FLUSH_MILLIS);
    }

    void count() {
        perMinute.computeIfAbsent(System.currentTimeMillis() / 60_000, m -> new LongAdder()).increment();
    }

    /** Adds every minute counted and over to the database ({@code all}: the current one too, at close). */
    @Override
    void flush(boolean all) {
        long now = System.currentTimeMillis() / 60_000;
        for (Long minute : new ArrayList<>(perMinute.keySet())) {
            LongAdder adder = minute < now || all ? perMinute.remove(minute) : null;
            long n = adder == null ? 0 : adder.sum();
            if (n == 0) {
                continue;
            }
            try {
                db.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(ADD)) {
                        ps.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(minute * 60)));
                        ps.setLong(2, n);
                        return ps.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                perMinute.computeIfAbsent(minute, m -> new LongAdder()).add(n);
                throw e;
            }
        }
        if (System.currentTimeMillis() - prunedAt > 3_600_000) {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(PRUNE)) {
                    ps.setInt(1, io.redflag.server.commands.CommandQueue.MAX_ACTIVITY_HOURS);
                    return ps.executeUpdate();
                }
            });
            prunedAt = System.currentTimeMillis();
        }
    }

    /** The series over the last hours, this node's counts not yet written included. */
    CheckInActivityDTO activity(int hours) {
        int bucketMinutes = Math.max(1, (hours * 60 + BUCKETS - 1) / BUCKETS);
        long nowMinute = System.currentTimeMillis() / 60_000;
        long lastBucket = nowMinute / bucketMinutes;
        long firstBucket = lastBucket - (long) Math.ceil(hours * 60.0 / bucketMinutes) + 1;
        long[] counts = new long[(int) (lastBucket - firstBucket + 1)];
        Instant from = Instant.ofEpochSecond(firstBucket * bucketMinutes * 60);
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SERIES)) {
                ps.setTimestamp(1, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        add(counts, rs.getTimestamp(1).toInstant().getEpochSecond() / 60 / bucketMinutes - firstBucket,
                                rs.getLong(2));
                    }
                }
            }
            return null;
        });
        perMinute.forEach((minute, n) -> add(counts, minute / bucketMinutes - firstBucket, n.sum()));
        CheckInActivityDTO out = new CheckInActivityDTO();
        out.from = from.toString();
        out.bucketSeconds = bucketMinutes * 60;
        out.checkIns = new ArrayList<>(Collections.nCopies(counts.length, 0L));
        for (int i = 0; i < counts.length; i++) {
            out.checkIns.set(i, counts[i]);
        }
        return out;
    }

    private static void add(long[] counts, long index, long n) {
        if (index >= 0 && index < counts.length) {
            counts[(int) index] += n;
        }
    }
}
