// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The agent the server hands out through its installer: the agent jar and its service files, carried in the server
 * jar under {@code agent/} (or, for tests, taken from the folder {@code -Dredflag.install.source}), copied into
 * {@code <data dir>/install} at every start that brings other bytes.
 */
final class AgentInstallFiles {

    static final List<String> FILES = List.of("redflag-agent.jar", "jvm.options", "redflag-agent.service", "monitor.conf",
            "redflag-agent");

    private AgentInstallFiles() {}

    /** Copies the files in (only those whose bytes changed); true when there were any to copy. */
    static boolean unpack(Path to) throws IOException {
        boolean any = false;
        for (String name : FILES) {
            Path target = to.resolve(name);
            try (InputStream in = source(name)) {
                if (in == null) {
                    continue;
                }
                any = true;
                if (Files.isRegularFile(target) && same(in, target)) {
                    continue; // unchanged: nothing written, the file keeps its time and the server its cached hash
                }
            }
            Files.createDirectories(to);
            Path tmp = to.resolve(name + ".tmp");
            try (InputStream in = source(name)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return any;
    }

    /** One file as the server's jar (or, for tests, {@code -Dredflag.install.source}) carries it; null when it does not. */
    private static InputStream source(String name) throws IOException {
        String folder = System.getProperty("redflag.install.source");
        if (folder != null) {
            Path p = Path.of(folder).resolve(name);
            return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
        }
        return AgentInstallFiles.class.getResourceAsStream("/agent/" + name);
    }

    /** Whether the stream holds exactly the file's bytes (read side by side, nothing written). */
    private static boolean same(InputStream in, Path file) throws IOException {
        try (InputStream f = new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                InputStream r = new java.io.BufferedInputStream(in, 64 * 1024)) {
            for (;;) {
                int a = r.read();
                if (a != f.read()) {
                    return false;
                }
                if (a < 0) {
                    return true;
                }
            }
        }
    }
}
