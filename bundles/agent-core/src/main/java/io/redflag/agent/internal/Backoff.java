// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, so a fleet coming back after an outage does not poll in step. */
final class Backoff {

    private final Duration base;
    private final Duration max;
    private int failures;

    Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    Duration next() {
        failures = Math.min(failures + 1, 30);
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
