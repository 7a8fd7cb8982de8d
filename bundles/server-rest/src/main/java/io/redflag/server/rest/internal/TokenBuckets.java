// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per key (a client address, an agent, an operator token): each holds up to {@code burst}
 * tokens and gains {@code perSecond} a second; a call takes one or is refused with how long to wait. Keys whose
 * bucket is full again are forgotten once there are many (looked for at most once a second); while the table is
 * still full, new keys share one overflow bucket. Memory and the work per call stay bounded whatever the callers
 * send, e.g. requests from very many addresses.
 */
final class TokenBuckets {

    static final int MAX_KEYS = 100_000;
    /** The bucket every new key shares while the table is full. */
    static final String OVERFLOW = "\u0000overflow";
    private static final long SWEEP_NANOS = 1_000_000_000L;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    TokenBuckets(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a rate above 0 and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token for {@code key}: 0 when there was one, else the whole seconds until there is one. */
    long take(String key, long nowNanos) {
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= MAX_KEYS) {
                long last = lastSweep.get();
                if ((last == Long.MIN_VALUE || nowNanos - last >= SWEEP_NANOS) && lastSweep.compareAndSet(last, nowNanos)) {
                    forgetFull(nowNanos);
                }
            }
            b = buckets.computeIfAbsent(buckets.size() >= MAX_KEYS ? OVERFLOW : key, k -> new Bucket(burst, nowNanos));
        }
        synchronized (b) {
            refill(b, nowNanos);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) / perSecond);
        }
    }

    /** Like {@link #take} without taking: how long until {@code key} has a token (0: it has one now). */
    long waitFor(String key, long nowNanos) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            refill(b, nowNanos);
            return b.tokens >= 1 ? 0 : (long) Math.ceil((1 - b.tokens) / perSecond);
        }
    }

    int size() {
        return buckets.size();
    }

    private void refill(Bucket b, long now) {
        b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
        b.at = now;
    }

    private void forgetFull(long now) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + (now - b.at) / 1e9 * perSecond >= burst;
            }
        });
    }
}
