// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.protocol.Polling;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the agent calls again: backoff with full jitter, the server's interval with jitter, rapid after work, slow when refused. */
class LoopPacingTest {

    @Test
    void backoffDoublesItsCapUpToTheMaximumAndDrawsAnywhereBelowIt() {
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), bound -> bound);
        assertThat(highest.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(highest.next()).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            highest.next();
        }
        assertThat(highest.next()).as("capped, and no overflow after many failures").isEqualTo(Duration.ofMinutes(5));
        highest.reset();
        assertThat(highest.next()).isEqualTo(Duration.ofSeconds(1));

        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), bound -> 0);
        for (int i = 0; i < 10; i++) {
            assertThat(lowest.next()).as("full jitter reaches down to the floor").isEqualTo(Backoff.FLOOR);
        }

        // real dice: a crowd failing together spreads over the whole window instead of bunching at its top half
        Set<Long> seconds = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
            for (int k = 0; k < 6; k++) {
                b.next();
            }
            Duration d = b.next(); // cap 64 s
            assertThat(d).isBetween(Backoff.FLOOR, Duration.ofSeconds(64));
            seconds.add(d.toSeconds() / 8);
        }
        assertThat(seconds).as("every eighth of the window is hit").hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void theServersIntervalGetsTenPercentJitterAndWorkMakesTheAgentCallRapidlyForAMinute() {
        Instant t0 = Instant.parse("2026-11-30T20:00:00Z");
        assertThat(new Pacing(bound -> 0).afterCheckIn(300, false, t0)).isEqualTo(Duration.ofSeconds(270));
        assertThat(new Pacing(bound -> bound).afterCheckIn(300, false, t0)).isEqualTo(Duration.ofSeconds(330));
        assertThat(new Pacing(bound -> bound / 2).afterCheckIn(0, false, t0)).as("not said: the default")
                .isEqualTo(Duration.ofSeconds(Polling.DEFAULT_INTERVAL_SECONDS));
        assertThat(new Pacing(bound -> bound / 2).afterCheckIn(1_000_000, false, t0)).as("clamped")
                .isEqualTo(Duration.ofSeconds(Polling.MAX_INTERVAL_SECONDS));

        Pacing p = new Pacing(bound -> bound / 2);
        assertThat(p.afterCheckIn(300, true, t0)).isEqualTo(Pacing.RAPID);
        assertThat(p.afterCheckIn(300, false, t0.plusSeconds(30))).as("work may follow work").isEqualTo(Pacing.RAPID);
        assertThat(p.afterCheckIn(300, false, t0.plusSeconds(61))).isEqualTo(Duration.ofSeconds(300));
        assertThat(p.afterCheckIn(1, true, t0.plusSeconds(62))).as("never slower than the server asks")
                .isEqualTo(Duration.ofSeconds(1));

        assertThat(new Pacing(bound -> 0).afterTerminalFailure()).isEqualTo(Duration.ofMinutes(9));
        assertThat(new Pacing(bound -> bound).afterTerminalFailure()).isEqualTo(Duration.ofMinutes(11));
    }

    @Test
    void refusalsOnlyAPersonCanFixAreTerminalAndTheRestIsRetriedSoon() {
        assertThat(Trouble.of(new ServerClient.ServerException(403, "HTTP 403: agent is revoked")))
                .isEqualTo(new Trouble(true, "the server refuses this agent: HTTP 403: agent is revoked"));
        assertThat(Trouble.of(new ServerClient.ServerException(401, "HTTP 401: invalid token")).terminal()).isTrue();
        assertThat(Trouble.of(new ServerClient.ServerException(426, "HTTP 426: upgrade"))).satisfies(t -> {
            assertThat(t.message()).contains("needs a newer core");
            assertThat(t.upgradeRequired()).isTrue();
        });
        assertThat(new Pacing(bound -> 0).afterUpgradeRequired()).isEqualTo(Duration.ofSeconds(54));
        assertThat(Trouble.of(new ServerClient.ServerException(409, "HTTP 409: 0.0.9 after 0.1.0")).terminal()).isTrue();
        assertThat(Trouble.of(new ServerClient.ServerException(404, "HTTP 404")).terminal()).as("a server still starting")
                .isFalse();
        assertThat(Trouble.of(new ServerClient.ServerException(400, "HTTP 400: scanners[0] …")).terminal()).isFalse();
        assertThat(Trouble.of(new Trouble.TerminalException("wrong fingerprint")).terminal()).isTrue();
        assertThat(Trouble.of(new ServerClient.ServerException(429, "HTTP 429: slow down", 30)).terminal()).isFalse();
        assertThat(Trouble.of(new ServerClient.ServerException(408, "HTTP 408")).terminal()).isFalse();
        assertThat(Trouble.of(new ServerClient.ServerException(503, "HTTP 503: database away")).terminal()).isFalse();
        assertThat(Trouble.of(new ServerClient.ServerException(500, "HTTP 500")).terminal()).isFalse();
        assertThat(Trouble.of(new ConnectException())).isEqualTo(new Trouble(false, "cannot reach the server (connection refused)"));
        assertThat(Trouble.of(new javax.net.ssl.SSLHandshakeException("reset")).terminal()).as("a cut handshake heals").isFalse();
        IOException untrusted = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertThat(Trouble.of(untrusted).terminal()).isTrue();
    }

    @Test
    void aServerThatSaysWhenToComeBackIsTakenAtItsWordSpreadOverTwiceThat() {
        assertThat(new Pacing(bound -> 0).afterRetryAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Pacing(bound -> bound).afterRetryAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new Pacing(bound -> bound).afterRetryAfter(0)).as("never at once").isEqualTo(Duration.ofSeconds(2));
    }
}
