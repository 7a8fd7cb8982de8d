// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a simulation measured, written as JSON ({@code --out}): the headline figures first, then every phase by route. */
public class SimulationReport {
    public String benchmark = "loadsim";
    public String server;
    public int agents;
    public int concurrency;
    public List<String> scanners;
    public int updatesPerResult;
    /** Check-ins answered 2xx per second in the measured phase. */
    public double checkinsPerSecond;
    public double p50Ms;
    public double p90Ms;
    public double p99Ms;
    /** Scan results the server acknowledged per second while the whole fleet checked in for its first scan. */
    public double resultsPerSecond;
    public double resultsP50Ms;
    public double resultsP99Ms;
    /** Every request that was not answered 2xx, and every command refused, in every phase. */
    public int errors;
    public Commands commands = new Commands();
    public int tokenRenewals;
    /** Answers of 2xx whose body was not what the protocol says (each also counted in {@link #errors}). */
    public int unreadableAnswers;
    /** CPU the simulator itself used per request it sent (it shares the machine with the server). */
    public double clientCpuMsPerRequest;
    public String date;
    /** register, first-scan, warm-up, measured: how long each took and what each route did. */
    public Map<String, Phase> phases = new LinkedHashMap<>();

    /** Commands the server handed out, and what the simulated agents made of them. */
    public static class Commands {
        public int received;
        /** Signed by the pinned key, addressed to the agent, within the acceptance window. */
        public int accepted;
        /** Handed out again after the agent had run it (its result not yet acknowledged): run once only. */
        public int redelivered;
        /** By reason (bad signature, stale…): each is also an error. */
        public Map<String, Integer> refused = new TreeMap<>();
    }

    /** One phase. */
    public static class Phase {
        public double seconds;
        public Map<String, Route> routes = new TreeMap<>();
    }

    /** One route in one phase. */
    public static class Route {
        public int requests;
        /** Answered 2xx, per second of the phase. */
        public double perSecond;
        public double p50Ms;
        public double p90Ms;
        public double p99Ms;
        public double maxMs;
        public int errors;
        /** By HTTP status, or "io" when no answer came. */
        public Map<String, Integer> errorsByKind = new TreeMap<>();
        public String firstError;
    }
}
