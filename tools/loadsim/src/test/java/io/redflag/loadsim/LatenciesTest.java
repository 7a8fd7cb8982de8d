// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverEveryLatency() {
        Latencies l = new Latencies();
        for (int ms = 100; ms >= 1; ms--) { // out of order, and past the first array's growth
            l.add(ms * 1_000_000L);
        }
        for (int i = 0; i < 2000; i++) {
            l.add(50_000_000L);
        }
        assertThat(l.size()).isEqualTo(2100);
        assertThat(l.percentileMs(50)).isEqualTo(50.0);
        assertThat(l.percentileMs(1)).isEqualTo(21.0); // rank 21 of 2100: 1 … 49 ms come first
        assertThat(l.percentileMs(99.9)).isEqualTo(98.0);
        assertThat(l.percentileMs(100)).isEqualTo(100.0);
        assertThat(l.maxMs()).isEqualTo(100.0);
    }

    @Test
    void noLatenciesGiveZeroesAndStatsCountFailuresApart() {
        assertThat(new Latencies().percentileMs(99)).isZero();
        RouteStats s = new RouteStats();
        s.answered(2_000_000);
        s.failed("503", "unavailable: the server is starting");
        s.failed("503", "again");
        s.failed("io", "connection refused");
        SimulationReport.Route r = s.report(2.0);
        assertThat(r.requests).isEqualTo(4);
        assertThat(r.errors).isEqualTo(3);
        assertThat(r.errorsByKind).containsEntry("503", 2).containsEntry("io", 1);
        assertThat(r.firstError).isEqualTo("503: unavailable: the server is starting");
        assertThat(r.perSecond).isEqualTo(0.5);
        assertThat(r.p99Ms).isEqualTo(2.0);
    }
}
