// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.Polling;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * When the agent calls next. The server says how often (its interval, or a few seconds in heartbeat mode); the agent adds
 * ±10 % jitter so agents registered at the same moment drift apart; for a minute after the server handed out work it
 * calls every couple of seconds (results and follow-up work travel at once); after a failure the server cannot fix by
 * itself it calls slowly, so an operator's fix heals the agent without a fleet hammering a server that refuses it.
 */
final class Pacing {

    /** The interval while work is flowing. */
    static final Duration RAPID = Duration.ofSeconds(2);
    /** How long after the last handed-out work the agent keeps polling rapidly. */
    static final Duration RAPID_WINDOW = Duration.ofSeconds(60);
    /** How often an agent refused for good (key refused, revoked, wrong server) tries again. */
    static final Duration TERMINAL_RETRY = Duration.ofMinutes(10);
    /** How often an agent below the server's minimum version asks again (an update order is valid 10 min). */
    static final Duration UPGRADE_RETRY = Duration.ofMinutes(1);
    /** Jitter as a share of the interval, either way. */
    static final double JITTER = 0.10;

    private final LongUnaryOperator random;
    private Instant lastWork = Instant.MIN;

    Pacing() {
        this(bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** {@code random} answers a number in {@code [0, bound]}. */
    Pacing(LongUnaryOperator random) {
        this.random = random;
    }

    /**
     * The wait after a successful check-in.
     *
     * @param serverSeconds the interval the server asked for (0 or less: it did not say)
     * @param gotWork whether this check-in handed out commands or changed bundles
     */
    Duration afterCheckIn(int serverSeconds, boolean gotWork, Instant now) {
        if (gotWork) {
            lastWork = now;
        }
        Duration asked = Duration.ofSeconds(Polling.clamp(serverSeconds > 0 ? serverSeconds : Polling.DEFAULT_INTERVAL_SECONDS));
        if (now.isBefore(lastWork.plus(RAPID_WINDOW)) && asked.compareTo(RAPID) > 0) {
            return RAPID; // no jitter: work in flight is not a crowd
        }
        return jittered(asked);
    }

    /** The wait after a failure the agent cannot fix by retrying sooner. */
    /**
     * After a server said when to come back (Retry-After: a 429, a 503 while it starts or its database is away): that
     * long, spread over up to twice it so that a fleet turned away together does not come back together.
     */
    Duration afterRetryAfter(long seconds) {
        long said = Math.max(1, seconds) * 1000;
        return Duration.ofMillis(said + random.applyAsLong(said));
    }

    Duration afterTerminalFailure() {
        return jittered(TERMINAL_RETRY);
    }

    /** The wait after the server said this version is below its minimum. */
    Duration afterUpgradeRequired() {
        return jittered(UPGRADE_RETRY);
    }

    /** {@code d} ± {@link #JITTER}, never below {@link Polling#MIN_INTERVAL_SECONDS}. */
    Duration jittered(Duration d) {
        long spread = (long) (d.toMillis() * JITTER);
        long ms = d.toMillis() - spread + random.applyAsLong(2 * spread);
        return Duration.ofMillis(Math.max(Polling.MIN_INTERVAL_SECONDS * 1000L, ms));
    }
}
