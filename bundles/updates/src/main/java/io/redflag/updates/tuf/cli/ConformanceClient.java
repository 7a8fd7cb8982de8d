// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.cli;

import io.redflag.updates.tuf.HttpFetcher;
import io.redflag.updates.tuf.TargetInfo;
import io.redflag.updates.tuf.TufClient;
import io.redflag.updates.tuf.TufException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-under-test command line of the tuf-conformance suite ({@code CLIENT-CLI.md}):
 * <pre>
 * --metadata-dir D init TRUSTED_ROOT
 * --metadata-dir D --metadata-url U refresh
 * --metadata-dir D --metadata-url U --target-name T [--target-name T2 …] --target-base-url B --target-dir O download
 * </pre>
 * Options may come in any order, before or after the command, as {@code --opt value} or {@code --opt=value}. Exit
 * code 0 on success, 1 on any failure, with the reason on stderr.
 */
public final class ConformanceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ConformanceClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("usage error: " + e.getMessage());
            err.println("usage: --metadata-dir D init ROOT | --metadata-dir D --metadata-url U refresh"
                    + " | --metadata-dir D --metadata-url U --target-name T… --target-base-url B --target-dir O"
                    + " download");
            return 1;
        }
        try {
            switch (a.command) {
                case "init" -> {
                    TufClient.initialize(a.metadataDir, Files.readAllBytes(a.trustedRoot));
                    out.println("initialized " + a.metadataDir);
                }
                case "refresh" -> {
                    client(a, null).refresh();
                    out.println("refreshed " + a.metadataDir);
                }
                default -> download(a, out);
            }
            return 0;
        } catch (TufException e) {
            err.println("error: " + e.reason() + ": " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    private static void download(Args a, PrintStream out) throws TufException {
        TufClient client = client(a, a.targetBaseUrl);
        client.refresh();
        for (String name : a.targetNames) {
            TargetInfo info = client.targetInfo(name).orElseThrow(() -> new TufException(
                    TufException.Reason.TARGET_NOT_FOUND, null, "no trusted role lists the target " + name));
            if (client.findCached(info, a.targetDir).isPresent()) {
                out.println("cached " + name);
            } else {
                out.println("downloaded " + name + " to " + client.download(info, a.targetDir));
            }
        }
    }

    private static TufClient client(Args a, String targetBaseUrl) {
        HttpFetcher fetcher = new HttpFetcher(URI.create(a.metadataUrl),
                targetBaseUrl == null ? null : URI.create(targetBaseUrl), TIMEOUT);
        return TufClient.builder(a.metadataDir, fetcher).build();
    }

    /** The parsed command line. */
    static final class Args {
        String command;
        Path metadataDir;
        String metadataUrl;
        Path trustedRoot;
        final List<String> targetNames = new ArrayList<>();
        String targetBaseUrl;
        Path targetDir;

        static Args parse(String[] args) {
            Args a = new Args();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    if (!arg.equals("-v") && !arg.equals("-vv") && !arg.equals("-vvv")) {
                        positional.add(arg);
                    }
                    continue;
                }
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (arg.equals("--verbose")) {
                    continue;
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--metadata-dir" -> a.metadataDir = Path.of(value);
                    case "--metadata-url" -> a.metadataUrl = value;
                    case "--target-name" -> a.targetNames.add(value);
                    case "--target-base-url" -> a.targetBaseUrl = value;
                    case "--target-dir" -> a.targetDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (positional.isEmpty()) {
                throw new IllegalArgumentException("no command");
            }
            a.command = positional.get(0);
            require(a.metadataDir != null, "--metadata-dir is required");
            switch (a.command) {
                case "init" -> {
                    require(positional.size() == 2, "init takes the trusted root file");
                    a.trustedRoot = Path.of(positional.get(1));
                }
                case "refresh" -> {
                    require(positional.size() == 1, "refresh takes no arguments");
                    require(a.metadataUrl != null, "refresh needs --metadata-url");
                }
                case "download" -> {
                    require(positional.size() == 1, "download takes no arguments");
                    require(a.metadataUrl != null, "download needs --metadata-url");
                    require(!a.targetNames.isEmpty(), "download needs --target-name");
                    require(a.targetBaseUrl != null, "download needs --target-base-url");
                    require(a.targetDir != null, "download needs --target-dir");
                }
                default -> throw new IllegalArgumentException("unknown command " + a.command);
            }
            return a;
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
