// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The simulator's command line, checked whole before anything is sent. */
record Options(URI server, Path operatorTokenFile, int agents, int concurrency, int registerConcurrency, Duration warmup,
        Duration duration, List<String> scanners, int updates, Duration renewBefore, Path out) {

    static final String USAGE = """
            usage: java -jar redflag-loadsim.jar --server URL --operator-token-file FILE [OPTIONS]
              Registers N virtual agents with a real server (each with its own key), lets each check in and answer
              its first scan with a realistic report, then drives check-ins round-robin over them; writes
              throughput and latency per route as JSON.
              --agents N                 virtual agents (1000)
              --concurrency C            requests in flight at once (16)
              --register-concurrency C   registrations in flight at once (4)
              --warmup S                 seconds of check-ins first, not measured (5)
              --duration S               seconds of measured check-ins (20)
              --scanners LIST|none       ecosystems the agents run, so the server has them scan (apt)
              --updates N                updates in each scan result (150)
              --renew-before S           renew the access token this long before it lapses (60)
              --out FILE                 where the JSON goes (target/bench/loadsim.json)
            Exit status: 0 all went well, 1 some request failed or some command was refused, 2 bad usage.""";

    /** Thrown for a command line that cannot run; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Options parse(String... args) throws UsageException {
        Map<String, String> given = new TreeMap<>();
        List<String> known = List.of("--server", "--operator-token-file", "--agents", "--concurrency",
                "--register-concurrency", "--warmup", "--duration", "--scanners", "--updates", "--renew-before", "--out");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new UsageException("unknown option '" + name + "'");
            }
            if (i + 1 == args.length) {
                throw new UsageException(name + " needs a value");
            }
            if (given.put(name, args[++i]) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        String server = given.get("--server");
        if (server == null) {
            throw new UsageException("--server URL is required");
        }
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server is not a URL: " + server);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--server must be an http(s) URL with a host, not " + server);
        }
        String token = given.get("--operator-token-file");
        if (token == null) {
            throw new UsageException("--operator-token-file FILE is required (it creates the registration token)");
        }
        List<String> scanners = new ArrayList<>();
        String list = given.getOrDefault("--scanners", "apt");
        if (!"none".equals(list)) {
            if (!list.matches("[a-z0-9-]+(,[a-z0-9-]+)*")) {
                throw new UsageException("--scanners must be ecosystems separated by commas, or none; not '" + list + "'");
            }
            scanners.addAll(Arrays.asList(list.split(",")));
        }
        return new Options(uri, Path.of(token), number(given, "--agents", 1000, 1, 100_000),
                number(given, "--concurrency", 16, 1, 1024), number(given, "--register-concurrency", 4, 1, 256),
                Duration.ofSeconds(number(given, "--warmup", 5, 0, 3600)),
                Duration.ofSeconds(number(given, "--duration", 20, 1, 3600)), List.copyOf(scanners),
                number(given, "--updates", 150, 0, 848), Duration.ofSeconds(number(given, "--renew-before", 60, 0, 86_400)),
                Path.of(given.getOrDefault("--out", "target/bench/loadsim.json")));
    }

    private static int number(Map<String, String> given, String name, int fallback, int min, int max)
            throws UsageException {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
    }
}
