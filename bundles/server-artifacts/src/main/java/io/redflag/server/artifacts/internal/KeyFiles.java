// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Private key files: created whole with owner-only permissions and published with a hard link (which, unlike a rename,
 * fails when the name exists), so of several nodes sharing a key folder exactly one key wins and nobody reads half a
 * key; a key file others could read is refused.
 */
final class KeyFiles {

    private KeyFiles() {}

    /** The key in {@code file}, created from {@code fresh} when there is none. */
    static byte[] loadOrCreate(Path file, Supplier<byte[]> fresh) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(dir, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, fresh.get());
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another node made it first: theirs is the key
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return read(file).orElseThrow(() -> new IOException("key file " + file + " vanished"));
    }

    /** Writes a new private key file, owner-only from its first byte (replacing one a failed attempt left). */
    static void writePrivate(Path file, byte[] key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, key);
    }

    /** The key in {@code file}, if there is one (a key kept offline is simply absent). */
    static Optional<byte[]> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        if (!perms.equals("rw-------") && !perms.equals("r--------")) {
            throw new IOException("refusing key file " + file + " with permissions " + perms + "; it must be rw------- (chmod 600)");
        }
        return Optional.of(Files.readAllBytes(file));
    }
}
