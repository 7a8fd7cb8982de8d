// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandResultDTO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results not yet acknowledged by the server, one file per command in {@code outbox/}. A result is
 * on disk before the agent first tries to send it and is deleted only once the server has
 * acknowledged it, so neither a crash nor a server outage loses it. Results the server will not take, and
 * files that are no longer readable, are set aside in {@code outbox/rejected/} (kept for support, counted at
 * each check-in) so that none of them ever stops the agent.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Path dir;
    private final Path rejected;

    Outbox(Path dataDir) {
        this.dir = dataDir.resolve("outbox");
        this.rejected = dir.resolve("rejected");
    }

    void put(String commandId, CommandResultDTO result) throws IOException {
        JsonFiles.write(dir.resolve(commandId + ".json"), result);
    }

    List<CommandResultDTO> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<CommandResultDTO> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try {
                    out.add(JsonFiles.read(f, CommandResultDTO.class));
                } catch (IOException e) {
                    LOG.warn("outbox file {} is not readable ({}); set aside in outbox/rejected", f.getFileName(), e.getMessage());
                    Files.createDirectories(rejected);
                    Files.move(f, rejected.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return out;
    }

    /** Keeps a result the server will not take in {@code outbox/rejected/} and stops sending it. */
    void quarantine(CommandResultDTO result, String why) throws IOException {
        LOG.warn("result of command {} moved to outbox/rejected: {}", result.commandId, why);
        Files.createDirectories(rejected);
        JsonFiles.write(rejected.resolve(result.commandId + ".json"), result);
        acknowledged(result.commandId);
    }

    /** How many results are set aside. */
    int rejected() throws IOException {
        if (!Files.isDirectory(rejected)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(rejected)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    void acknowledged(String commandId) throws IOException {
        Files.deleteIfExists(dir.resolve(commandId + ".json"));
    }
}
