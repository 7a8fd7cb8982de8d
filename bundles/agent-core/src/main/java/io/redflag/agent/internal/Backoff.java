// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter (a uniformly random wait between a floor and the current cap), so a fleet coming
 * back after an outage does not poll in step.
 */
final class Backoff {

    /** No retry comes sooner than this, whatever the dice say. */
    static final Duration FLOOR = Duration.ofMillis(250);

    private final Duration base;
    private final Duration max;
    /** A random number in {@code [0, bound]} for a bound. */
    private final LongUnaryOperator random;
    private int failures;

    Backoff(Duration base, Duration max) {
        this(base, max, bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    Backoff(Duration base, Duration max, LongUnaryOperator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The wait after one more failure. */
    Duration next() {
        failures = Math.min(failures + 1, 30);
        return Duration.ofMillis(Math.max(FLOOR.toMillis(), random.applyAsLong(cap())));
    }

    /** The longest wait the next failure may bring: the base doubled per failure so far, at most the maximum. */
    long cap() {
        return Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
