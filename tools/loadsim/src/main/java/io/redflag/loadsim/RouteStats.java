// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import java.util.Map;
import java.util.TreeMap;

/** What one route did in one phase: requests, the latencies of those answered 2xx, and the failures by kind. */
final class RouteStats {

    private final Latencies ok = new Latencies();
    private final Map<String, Integer> errors = new TreeMap<>();
    private String firstError;

    synchronized void answered(long nanos) {
        ok.add(nanos);
    }

    /** A failure: {@code kind} is the HTTP status, or what went wrong before one came ("io", "refused-command"). */
    synchronized void failed(String kind, String detail) {
        errors.merge(kind, 1, Integer::sum);
        if (firstError == null) {
            firstError = kind + ": " + (detail.length() > 300 ? detail.substring(0, 300) + "…" : detail);
        }
    }

    synchronized int answered() {
        return ok.size();
    }

    synchronized int errors() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The route's figures for the report, over a phase that lasted {@code seconds}. */
    synchronized SimulationReport.Route report(double seconds) {
        SimulationReport.Route r = new SimulationReport.Route();
        r.requests = ok.size() + errors();
        r.errors = errors();
        r.errorsByKind = new TreeMap<>(errors);
        r.firstError = firstError;
        r.perSecond = seconds > 0 ? Math.round(ok.size() / seconds * 10) / 10.0 : 0;
        r.p50Ms = round(ok.percentileMs(50));
        r.p90Ms = round(ok.percentileMs(90));
        r.p99Ms = round(ok.percentileMs(99));
        r.maxMs = round(ok.maxMs());
        return r;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
