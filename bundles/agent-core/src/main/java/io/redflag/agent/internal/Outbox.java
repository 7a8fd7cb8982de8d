// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandResultDTO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Results not yet acknowledged by the server, one file per command in {@code outbox/}. A result is
 * on disk before the agent first tries to send it and is deleted only once the server has
 * acknowledged it, so neither a crash nor a server outage loses it.
 */
final class Outbox {

    private final Path dir;

    Outbox(Path dataDir) {
        this.dir = dataDir.resolve("outbox");
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
                out.add(JsonFiles.read(f, CommandResultDTO.class));
            }
        }
        return out;
    }

    void acknowledged(String commandId) throws IOException {
        Files.deleteIfExists(dir.resolve(commandId + ".json"));
    }
}
