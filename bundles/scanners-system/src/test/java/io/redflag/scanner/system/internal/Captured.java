// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import io.redflag.scanner.system.internal.HostProbe.MemUsage;
import io.redflag.scanner.system.internal.HostProbe.SystemSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: files captured on the build VM, a probe replaying them, a context, a runner that must not run. */
final class Captured {

    private Captured() {}

    static String text(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("/capture/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource capture/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays capture/oshi-probe.tsv: what oshi returned on the build VM. */
    static HostProbe probe() {
        List<FsUsage> fs = new ArrayList<>();
        MemUsage mem = null;
        double load = 0;
        int cpus = 0;
        long uptime = 0;
        String os = null;
        String kernel = null;
        for (String line : text("oshi-probe.tsv").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            switch (f[0]) {
                case "fs" -> fs.add(new FsUsage(f[1], f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                        Long.parseLong(f[6])));
                case "mem" -> mem = new MemUsage(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]));
                case "cpu" -> {
                    load = Double.parseDouble(f[1]);
                    cpus = Integer.parseInt(f[2]);
                }
                case "os" -> {
                    uptime = Long.parseLong(f[1]);
                    os = f[2] + " " + f[3] + " (" + f[4] + ")";
                    kernel = f[5];
                }
                default -> throw new IllegalStateException("unknown line " + line);
            }
        }
        return probe(fs, new SystemSnapshot(mem, load, cpus, uptime, os, kernel));
    }

    static HostProbe probe(List<FsUsage> fs, SystemSnapshot system) {
        return new HostProbe() {
            @Override
            public List<FsUsage> fileSystems() {
                return fs;
            }

            @Override
            public SystemSnapshot system() {
                return system;
            }
        };
    }

    /** The metrics scanners never run a process; this runner fails the test if they try. */
    static final CommandRunner NO_PROCESSES = (deadline, command, env) -> {
        throw new AssertionError("a metrics scanner ran a process: " + command);
    };

    static ScanContext context(Instant deadline) {
        return ScanContext.of(deadline, Map.of());
    }

    static ScanContext inOneMinute() {
        return context(Instant.now().plusSeconds(60));
    }
}
