// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.protocol.BreakerState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScannerBreakersTest {

    private final Instant t0 = Instant.parse("2026-11-30T20:00:00Z");

    @Test
    void threeFailuresInARowOpenTheBreakerATrialAfterTheCoolDownClosesOrReopensItLonger() {
        ScannerBreakers b = new ScannerBreakers();
        b.failed("apt", "lock held", t0);
        b.failed("apt", "lock held", t0);
        assertThat(b.refusal("apt", t0)).as("two failures: still closed").isNull();
        b.succeeded("apt");
        b.failed("apt", "lock held", t0);
        b.failed("apt", "lock held", t0);
        assertThat(b.refusal("apt", t0)).as("a success in between starts the count again").isNull();
        b.failed("apt", "dpkg was interrupted", t0);
        assertThat(b.refusal("apt", t0.plusSeconds(60))).contains("failed 3 times in a row")
                .contains("dpkg was interrupted").contains("open until 2026-11-30T20:05:00Z");
        assertThat(b.refusal("dnf", t0)).as("one breaker per scanner").isNull();
        assertThat(b.snapshot(t0.plusSeconds(60))).singleElement().satisfies(s -> {
            assertThat(s.state).isEqualTo(BreakerState.OPEN);
            assertThat(s.failures).isEqualTo(3);
            assertThat(s.retryAt).isEqualTo("2026-11-30T20:05:00Z");
        });

        Instant trial = t0.plusSeconds(300);
        assertThat(b.snapshot(trial).get(0).state).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(b.refusal("apt", trial)).as("half-open: the next call is a trial").isNull();
        b.failed("apt", "still broken", trial);
        assertThat(b.snapshot(trial).get(0).retryAt).as("open again, twice as long").isEqualTo("2026-11-30T20:15:00Z");
        for (int i = 0; i < 10; i++) {
            b.failed("apt", "still broken", Instant.parse(b.snapshot(trial).get(0).retryAt));
        }
        Instant last = Instant.parse(b.snapshot(trial).get(0).retryAt);
        b.failed("apt", "still broken", last);
        assertThat(Instant.parse(b.snapshot(trial).get(0).retryAt)).as("at most six hours")
                .isEqualTo(last.plus(ScannerBreakers.MAX_COOL_DOWN));

        b.succeeded("apt");
        assertThat(b.snapshot(last).get(0).state).isEqualTo(BreakerState.CLOSED);
        assertThat(b.refusal("apt", last)).isNull();
        b.failed("apt", "again", last);
        b.failed("apt", "again", last);
        b.failed("apt", "again", last);
        assertThat(b.snapshot(last).get(0).retryAt).as("a closed breaker starts from the first cool-down again")
                .isEqualTo(last.plus(ScannerBreakers.FIRST_COOL_DOWN).toString());
    }
}
