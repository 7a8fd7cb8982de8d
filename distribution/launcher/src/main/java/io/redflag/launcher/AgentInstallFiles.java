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

    /** Copies the files in; true when there were any to copy. */
    static boolean unpack(Path to) throws IOException {
        String source = System.getProperty("redflag.install.source");
        boolean any = false;
        for (String name : FILES) {
            InputStream in = source != null ? open(Path.of(source).resolve(name))
                    : AgentInstallFiles.class.getResourceAsStream("/agent/" + name);
            if (in == null) {
                continue;
            }
            Files.createDirectories(to);
            Path tmp = to.resolve(name + ".tmp");
            try (in) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Path target = to.resolve(name);
            if (Files.exists(target) && Files.mismatch(tmp, target) == -1) {
                Files.delete(tmp); // unchanged: the file keeps its time, and the server its cached hash
            } else {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            any = true;
        }
        return any;
    }

    private static InputStream open(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
    }
}
