// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.redflag.scanner.ScanException;
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
                throw new Usage("no command given; try parse, compare-versions or ecosystems");
            }
            switch (args[0]) {
                case "parse":
                    return parse(args, stdin, out);
                case "compare-versions":
                    return compare(args, out);
                case "ecosystems":
                    return ecosystems(out);
                default:
                    throw new Usage("unknown command '" + args[0] + "'; try parse, compare-versions or ecosystems");
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
                records = d.parseScanOutput(text);
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
