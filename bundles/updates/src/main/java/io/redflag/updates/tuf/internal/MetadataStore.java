// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The client's trusted metadata on disk: {@code root.json}, {@code timestamp.json}, {@code snapshot.json},
 * {@code targets.json} and {@code <role>.json} (role names percent-encoded, so every role is one plain file in the
 * folder). Files are replaced atomically: a crash leaves the old file or the new one, never half of one.
 */
public final class MetadataStore {

    private final Path dir;

    public MetadataStore(Path dir) {
        this.dir = dir;
    }

    /** The stored bytes of a role's metadata; empty when there are none. */
    public Optional<byte[]> read(String role, long limit) throws TufException {
        Path file = dir.resolve(RepositoryLayout.unversionedFile(role));
        try {
            InputStream in = Files.newInputStream(file);
            return Optional.of(BoundedInput.readAll(in, limit, role, "local " + file.getFileName()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TufException(Reason.STORAGE_FAILED, role, "cannot read " + file + ": " + e, e);
        }
    }

    /** Stores a role's metadata, exactly the bytes the repository served. */
    public void write(String role, byte[] data) throws TufException {
        Path file = dir.resolve(RepositoryLayout.unversionedFile(role));
        try {
            writeAtomically(file, data);
        } catch (IOException e) {
            throw new TufException(Reason.STORAGE_FAILED, role, "cannot write " + file + ": " + e, e);
        }
    }

    public void delete(String role) throws TufException {
        Path file = dir.resolve(RepositoryLayout.unversionedFile(role));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TufException(Reason.STORAGE_FAILED, role, "cannot delete " + file + ": " + e, e);
        }
    }

    /** Writes to a temporary file beside {@code file}, forces it to disk, then moves it over {@code file}. */
    public static void writeAtomically(Path file, byte[] data) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // the temporary name never ends in .json: whoever lists the folder sees only complete metadata files
        Path tmp = Files.createTempFile(parent, ".tuf-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves atomically where the file system can, replacing what is there. */
    public static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
