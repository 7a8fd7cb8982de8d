// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent's command-line tools for support and plug-in authors: what does the agent make of
 * this tool output, and how does it order these versions? They use the descriptors of the scanner
 * bundles deployed in this runtime, so a third-party scanner gets them for free. Exit codes: 0 done,
 * 1 unreadable input, 2 wrong usage or unknown ecosystem.
 */
@Component(service = Function.class, property = "redflag.cli=agent")
public final class AgentCli implements Function<String[], Integer> {

    static final String AGENT_ECOSYSTEM = "agent";
    private final ScannerRegistry registry;

    @Activate
    public AgentCli(@Reference ScannerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer apply(String[] args) {
        return run(args, System.in, System.out, System.err);
    }

    int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new Usage("no command given; try status, scan, parse, compare-versions or ecosystems");
            }
            switch (args[0]) {
                case "parse":
                    return parse(args, stdin, out);
                case "compare-versions":
                    return compare(args, out);
                case "ecosystems":
                    return ecosystems(out);
                case "status":
                    return status(args, out);
                case "scan":
                    return scan(args, out, err);
                default:
                    throw new Usage("unknown command '" + args[0] + "'; try status, scan, parse, compare-versions or ecosystems");
            }
        } catch (Usage e) {
            err.println("redflag-agent: " + e.getMessage());
            return 2;
        } catch (Unreadable e) {
            err.println("redflag-agent: " + e.getMessage());
            return 1;
        }
    }

    private int parse(String[] args, InputStream stdin, PrintStream out) throws Usage, Unreadable {
        String kind = "scan";
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--kind")) {
                if (i + 1 >= args.length) {
                    throw new Usage("--kind needs a value: scan or dry-run");
                }
                kind = args[++i];
            } else if (args[i].startsWith("--kind=")) {
                kind = args[i].substring(7);
            } else {
                words.add(args[i]);
            }
        }
        if (words.size() != 2) {
            throw new Usage("usage: parse ECOSYSTEM [--kind scan|dry-run] FILE|-");
        }
        if (!kind.equals("scan") && !kind.equals("dry-run")) {
            throw new Usage("--kind must be scan or dry-run, not '" + kind + "'");
        }
        SubsystemDescriptor d = descriptor(words.get(0));
        String text = read(words.get(1), stdin);
        try {
            Object records;
            if (kind.equals("scan")) {
                boolean readings = registry.subsystem(words.get(0)).map(x -> x.kind() == io.redflag.scanner.SubsystemKind.METRICS)
                        .orElse(false);
                records = readings ? d.parseReadings(text) : d.parseScanOutput(text);
            } else {
                TransactionPlanDTO plan = d.parseDryRunOutput(text);
                plan.hash = TransactionPlans.hash(plan);
                records = plan;
            }
            out.println(JsonFiles.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(records));
            return 0;
        } catch (ScanException e) {
            throw new Unreadable("this is not " + words.get(0) + " " + kind + " output: " + e.getMessage());
        } catch (IOException e) {
            throw new Unreadable("cannot print the records: " + e.getMessage());
        }
    }

    /** 87 rather than 87.0; 0.42 as it is. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private int compare(String[] args, PrintStream out) throws Usage {
        if (args.length != 4) {
            throw new Usage("usage: compare-versions ECOSYSTEM A B");
        }
        VersionOrdering ordering = args[1].equals(AGENT_ECOSYSTEM) ? VersionOrderings.AGENT
                : descriptor(args[1]).versionOrdering();
        out.println(Integer.signum(ordering.compare(args[2], args[3])));
        return 0;
    }

    /** One line per ecosystem: id, kind, platforms, version ordering, name (tab-separated, for scripts too). */
    private int ecosystems(PrintStream out) {
        registry.subsystems().forEach((eco, s) -> out.println(String.join("\t", eco,
                s.kind().name().toLowerCase(java.util.Locale.ROOT), String.join(",", s.os()),
                s.descriptor().versionOrdering().scheme(), s.displayName())));
        out.println(String.join("\t", AGENT_ECOSYSTEM, "versions", "-", VersionOrderings.AGENT.scheme(),
                "RedFlag agent versions (compare-versions only)"));
        return 0;
    }

    /** What the agent using a data folder last knew of itself (its status file), and its identity. */
    private int status(String[] args, PrintStream out) throws Usage, Unreadable {
        Options o = Options.of(args, Set.of("data-dir"), Set.of("json"), 0);
        String env = System.getenv("REDFLAG_AGENT_DATA_DIR");
        Path dir = Path.of(o.values.getOrDefault("data-dir", env == null || env.isBlank() ? "data/agent" : env));
        StatusReport r;
        AgentState identity;
        try {
            r = StatusReport.load(dir);
            identity = AgentState.load(dir);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new Unreadable("cannot read " + e.getFile() + ": permission denied (run as the agent's user or root)");
        } catch (IOException e) {
            throw new Unreadable("cannot read the agent's files in " + dir + ": " + e.getMessage());
        }
        if (r == null && !identity.registered()) {
            throw new Unreadable("no agent has run with the data folder " + dir.toAbsolutePath() + " (--data-dir)");
        }
        if (r == null) {
            r = new StatusReport();
            r.agentId = identity.agentId;
            r.serverUrl = identity.serverUrl;
            r.serverKeyId = identity.serverKeyId;
        }
        if (o.flags.contains("json")) {
            print(out, r);
            return 0;
        }
        out.println("agent        " + (r.agentId == null ? "not registered" : r.agentId) + (r.agentVersion == null ? ""
                : " (version " + r.agentVersion + ")"));
        out.println("server       " + r.serverUrl + (r.serverKeyId == null ? "" : ", pinned key " + r.serverKeyId));
        if (r.machineKey != null) {
            out.println("machine key  " + r.machineKey);
        }
        out.println("checked in   " + (r.lastCheckInAt == null ? "never" : r.lastCheckInAt) + (r.nextCheckInAt == null ? ""
                : "; next " + r.nextCheckInAt));
        if (r.lastProblem != null) {
            out.println("problem      " + r.lastProblem + (r.problemNeedsOperator ? " (an operator has to act)" : ""));
        }
        if (r.heartbeatUntil != null) {
            out.println("heartbeat    until " + r.heartbeatUntil);
        }
        out.println("accepts      " + (r.accepts.isEmpty() ? "?" : String.join(", ", r.accepts)));
        out.println("scanners     " + (r.scanners.isEmpty() ? "none" : String.join(", ", r.scanners)));
        r.failedScanners.forEach(f -> out.println("  not working  " + f.ecosystem + ": " + f.reason));
        r.breakers.forEach(b -> out.println("  breaker      " + b.ecosystem + " " + b.state + " after " + b.failures
                + " failures" + (b.retryAt == null ? "" : ", retry at " + b.retryAt) + (b.lastFailure == null ? ""
                : " (" + b.lastFailure + ")")));
        out.println("results      " + r.pendingResults + " waiting to be sent, " + r.quarantinedResults + " set aside"
                + (r.quarantinedResults > 0 ? " in " + dir.resolve("outbox/rejected") : ""));
        if (!r.coreUpdates.isEmpty()) {
            out.println("core updates" + (r.platform == null ? "" : " (" + r.platform + ")"));
            r.coreUpdates.forEach(u -> out.println("  " + u.at + "  " + u.from + " -> " + u.version + "  " + u.outcome
                    + (u.reason == null ? "" : ": " + u.reason)));
        }
        out.println("bundles");
        r.bundles.forEach(b -> out.println("  " + b.symbolicName + " " + b.version + " " + b.state + (b.base ? " (core)" : "")
                + (b.failure == null ? "" : " FAILED: " + b.failure)));
        return 0;
    }

    /** Scans the host now with the scanners of this runtime and prints what they find; nothing goes to a server. */
    private int scan(String[] args, PrintStream out, PrintStream err) throws Usage, Unreadable {
        Options o = Options.of(args, Set.of(), Set.of("json"), 1);
        String only = o.words.isEmpty() ? null : o.words.get(0);
        List<ScannerRegistry.Handle> handles = registry.applicable(HostFacts.detectOsFamily());
        if (only != null) {
            descriptor(only); // unknown ecosystem: a usage error naming the known ones
            handles = handles.stream().filter(h -> h.ecosystem().equals(only)).toList();
            if (handles.isEmpty()) {
                throw new Usage(only + " does not run on " + HostFacts.detectOsFamily() + " or its scanner is not working");
            }
        }
        java.util.Map<String, ScanReportDTO> reports = new java.util.TreeMap<>();
        boolean failed = false;
        for (ScannerRegistry.Handle h : handles) {
            ScanContext ctx = ScanContext.of(java.time.Instant.now().plus(CommandExecutor.SCAN_TIMEOUT),
                    registry.configuration(h.ecosystem(), java.util.Map.of()));
            ScanReportDTO report;
            try {
                report = h.readings() != null ? h.readings().read(ctx) : h.scanner().scan(ctx);
            } catch (Exception e) {
                report = ScanReportDTO.failed(e.getMessage());
            }
            failed |= report.status == ScanStatus.FAILED;
            reports.put(h.ecosystem(), report);
        }
        if (o.flags.contains("json")) {
            print(out, reports);
        } else {
            reports.forEach((eco, r) -> {
                boolean readings = !r.readings.isEmpty();
                out.println(eco + ": " + r.status + (r.message == null ? "" : " (" + r.message + ")") + ", "
                        + (readings ? r.readings.size() + " readings" : r.updates.size() + " updates"));
                for (io.redflag.scanner.ReadingDTO x : r.readings) {
                    out.println("  " + x.id + "  " + (x.value == null ? nvl(x.text) : number(x.value) + (x.unit == null ? ""
                            : x.unit.equals("%") ? "%" : " " + x.unit)) + (x.severity == null ? "" : "  " + x.severity)
                            + (x.detail == null ? "" : "  (" + x.detail + ")"));
                }
                for (PackageUpdateDTO u : r.updates) {
                    out.println("  " + (u.name != null ? u.name : u.id) + "  " + nvl(u.installedVersion) + " -> "
                            + nvl(u.availableVersion) + (u.severity == null ? "" : "  " + u.severity)
                            + (u.security ? "  security" : ""));
                }
            });
        }
        if (failed) {
            err.println("redflag-agent: at least one scanner failed (see above)");
        }
        return failed ? 1 : 0;
    }

    private static String nvl(String s) {
        return s == null ? "-" : s;
    }

    private static void print(PrintStream out, Object value) throws Unreadable {
        try {
            out.println(JsonFiles.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (IOException e) {
            throw new Unreadable("cannot print: " + e.getMessage());
        }
    }

    /** {@code --name value} options, {@code --flag}s and at most {@code maxWords} words. */
    private record Options(java.util.Map<String, String> values, Set<String> flags, List<String> words) {

        static Options of(String[] args, Set<String> valued, Set<String> flagNames, int maxWords) throws Usage {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            Set<String> flags = new java.util.HashSet<>();
            List<String> words = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    String name = a.substring(2);
                    String value = null;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        value = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    }
                    if (flagNames.contains(name) && value == null) {
                        flags.add(name);
                    } else if (valued.contains(name)) {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new Usage("--" + name + " needs a value");
                            }
                            value = args[++i];
                        }
                        values.put(name, value);
                    } else {
                        throw new Usage("unknown option " + a + " for " + args[0]);
                    }
                } else {
                    words.add(a);
                }
            }
            if (words.size() > maxWords) {
                throw new Usage("unexpected argument '" + words.get(maxWords) + "' for " + args[0]);
            }
            return new Options(values, flags, words);
        }
    }

    private SubsystemDescriptor descriptor(String ecosystem) throws Usage {
        return registry.subsystem(ecosystem).map(ScannerRegistry.Subsystem::descriptor).orElseThrow(() -> new Usage(
                "unknown ecosystem '" + ecosystem + "'; known: " + String.join(", ", registry.subsystems().keySet()) + ", "
                + AGENT_ECOSYSTEM));
    }

    private static String read(String file, InputStream stdin) throws Unreadable {
        try {
            if (file.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such file: " + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new Unreadable(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String m) {
            super(m);
        }
    }

    private static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String m) {
            super(m);
        }
    }
}
