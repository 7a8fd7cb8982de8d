// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** JSON files the agent keeps: written to a private temp file and renamed, so a crash never leaves half a file. */
final class JsonFiles {

    /** The protocol's mapping: files written by a newer agent version read back without loss of what this one knows. */
    static final ObjectMapper JSON = ProtocolJson.mapper();

    private JsonFiles() {}

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp;
        try {
            tmp = Files.createTempFile(file.getParent(), ".tmp-", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(file.getParent(), ".tmp-", ".json"); // not a POSIX file system (Windows)
        }
        try {
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        return JSON.readValue(file.toFile(), type);
    }
}
