// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.BreakerState;
import io.redflag.protocol.ScannerBreakerDTO;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per scanner. After {@value #THRESHOLD} failures in a row (the plug-in threw, hung, answered nothing,
 * or its scan failed) the breaker opens: commands for that scanner fail at once, without calling it, for a cool-down
 * that starts at {@link #FIRST_COOL_DOWN} and doubles with every failed trial, up to {@link #MAX_COOL_DOWN}. Then it
 * half-opens: the next command is a trial; success closes the breaker, failure opens it again. A broken plug-in thus
 * costs the host one attempt per cool-down instead of a stuck or crashing tool at every schedule. Thread-safe.
 */
final class ScannerBreakers {

    private static final Logger LOG = LoggerFactory.getLogger(ScannerBreakers.class);
    static final int THRESHOLD = 3;
    static final Duration FIRST_COOL_DOWN = Duration.ofMinutes(5);
    static final Duration MAX_COOL_DOWN = Duration.ofHours(6);

    private static final class Breaker {
        int failures;
        String lastFailure;
        Instant retryAt;
        Duration coolDown = FIRST_COOL_DOWN;
    }

    private final Map<String, Breaker> breakers = new TreeMap<>();

    /** Null when a call to the ecosystem's scanner may go ahead; else why not, for the command's result. */
    synchronized String refusal(String ecosystem, Instant now) {
        Breaker b = breakers.get(ecosystem);
        if (b == null || b.retryAt == null || !now.isBefore(b.retryAt)) {
            return null; // closed, or half-open: this call is the trial
        }
        return "the " + ecosystem + " scanner failed " + b.failures + " times in a row (last: " + b.lastFailure
                + "); its circuit breaker is open until " + b.retryAt + " and the scanner was not called";
    }

    synchronized void succeeded(String ecosystem) {
        Breaker b = breakers.get(ecosystem);
        if (b != null && b.failures > 0) {
            if (b.retryAt != null) {
                LOG.info("{} scanner works again; its circuit breaker is closed", ecosystem);
            }
            b.failures = 0;
            b.retryAt = null;
            b.coolDown = FIRST_COOL_DOWN;
        }
    }

    synchronized void failed(String ecosystem, String why, Instant now) {
        Breaker b = breakers.computeIfAbsent(ecosystem, e -> new Breaker());
        b.failures++;
        b.lastFailure = why == null ? "no reason given" : why.length() > 500 ? why.substring(0, 500) + "…" : why;
        if (b.retryAt != null) {
            // a failed trial: open again, longer
            b.coolDown = b.coolDown.multipliedBy(2).compareTo(MAX_COOL_DOWN) > 0 ? MAX_COOL_DOWN : b.coolDown.multipliedBy(2);
            b.retryAt = now.plus(b.coolDown);
            LOG.warn("{} scanner failed its trial ({}); circuit breaker open again until {}", ecosystem, b.lastFailure, b.retryAt);
        } else if (b.failures >= THRESHOLD) {
            b.retryAt = now.plus(b.coolDown);
            LOG.warn("{} scanner failed {} times in a row ({}); circuit breaker open until {}", ecosystem, b.failures,
                    b.lastFailure, b.retryAt);
        }
    }

    /** The breakers of scanners that failed since the agent started, by ecosystem. */
    synchronized List<ScannerBreakerDTO> snapshot(Instant now) {
        List<ScannerBreakerDTO> out = new ArrayList<>();
        breakers.forEach((eco, b) -> {
            ScannerBreakerDTO dto = new ScannerBreakerDTO();
            dto.ecosystem = eco;
            dto.failures = b.failures;
            dto.lastFailure = b.lastFailure;
            if (b.retryAt == null) {
                dto.state = BreakerState.CLOSED;
            } else {
                dto.state = now.isBefore(b.retryAt) ? BreakerState.OPEN : BreakerState.HALF_OPEN;
                dto.retryAt = b.retryAt.toString();
            }
            out.add(dto);
        });
        return out;
    }
}
