// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.server.artifacts.ArtifactTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes by their SHA-256 under a folder of this node: {@code sha256/ab/abcdef…}. Files arrive through a staging
 * folder (hashed while written, capped in length) and are moved into place whole, so a name always holds exactly
 * the bytes it names. A file is checked against its name once per process before it is first served.
 */
final class ContentStore {

    /** Bytes written to the staging folder, hashed. */
    record Staged(Path file, String sha256, long length) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover in the staging folder is removed at the next start
            }
        }
    }

    private final Path root;
    private final Path staging;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    ContentStore(Path folder) throws IOException {
        this.root = folder.resolve("sha256");
        this.staging = folder.resolve("incoming");
        for (Path p : new Path[] {folder, root, staging}) {
            if (!Files.isDirectory(p)) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
        try (var leftovers = Files.list(staging)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Copies at most {@code max} bytes to the staging folder. @throws ArtifactTooLargeException beyond that */
    Staged stage(InputStream in, long max) throws IOException {
        Path tmp = Files.createTempFile(staging, "upload", ".jar",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        MessageDigest sha = sha256();
        long length = 0;
        try (InputStream din = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = din.read(buf)) > 0) {
                length += n;
                if (length > max) {
                    throw new ArtifactTooLargeException("a bundle may have at most " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Staged(tmp, HexFormat.of().formatHex(sha.digest()), length);
    }

    /** Moves staged bytes to their name (a file already there holds the same bytes by construction). */
    Path keep(Staged staged) throws IOException {
        Path target = path(staged.sha256());
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(staged.file());
        }
        if (Files.exists(target)) {
            checked.add(staged.sha256());
        }
        return target;
    }

    /**
     * The file holding {@code sha256}, written from {@code source} (the database) when this node lacks it or
     * holds something else under that name.
     */
    Path file(String sha256, long length, Source source) {
        Path target = path(sha256);
        try {
            if (checked.contains(sha256) && Files.size(target) == length) {
                return target;
            }
        } catch (IOException e) {
            // not here (yet): fetched below
        }
        try {
            if (Files.isRegularFile(target) && Files.size(target) == length && sha256.equals(hash(target))) {
                checked.add(sha256);
                return target;
            }
            try (InputStream in = source.open(); Staged staged = stage(in, length)) {
                if (!staged.sha256().equals(sha256) || staged.length() != length) {
                    throw new IllegalStateException("stored bytes of " + sha256 + " do not match their hash");
                }
                Files.deleteIfExists(target);
                return keep(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + sha256 + " to " + root, e);
        }
    }

    /** Where the bytes come from when this node lacks them. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    static String hash(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
