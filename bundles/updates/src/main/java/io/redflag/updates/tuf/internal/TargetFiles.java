// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TargetInfo;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Target files in a local folder, each under its percent-encoded target path (one flat file name, so no target
 * path can write outside the folder). A download streams into a temporary file while hashing, reads at most the
 * signed length plus one byte, and is moved into place only once length and every hash match.
 */
public final class TargetFiles {

    private final Remote remote;

    public TargetFiles(Remote remote) {
        this.remote = remote;
    }

    public static Path localFile(TargetInfo info, Path dir) {
        return dir.resolve(PercentEncoding.encode(info.path()));
    }

    /** The local file when it exists and matches the target's length and hashes. */
    public static Optional<Path> cached(TargetInfo info, Path dir) {
        Path file = localFile(info, dir);
        try (InputStream in = Files.newInputStream(file)) {
            verifyStream(in, info, null);
            return Optional.of(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | TufException e) {
            return Optional.empty(); // stale or unreadable: it will be downloaded again
        }
    }

    /**
     * Downloads and verifies a target into {@code dir}.
     *
     * @param hashPrefixed whether to fetch it as {@code <hash>.<name>} (consistent snapshots)
     */
    public Path download(TargetInfo info, Path dir, boolean hashPrefixed) throws TufException {
        Hashes.requireSupported(info.hashes(), null, "target " + info.path());
        String remotePath = hashPrefixed ? RepositoryLayout.targetFile(info.path(), urlHash(info)) : info.path();
        Path file = localFile(info, dir);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".tuf-", ".part");
            try (InputStream in = remote.target(remotePath); OutputStream out = Files.newOutputStream(tmp)) {
                verifyStream(in, info, out);
            }
            MetadataStore.moveIntoPlace(tmp, file);
            return file;
        } catch (IOException e) {
            throw new TufException(Reason.STORAGE_FAILED, null, "cannot store target " + info.path() + " in " + dir
                    + " (or reading it failed): " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover .part file is harmless: it never has a target's name
                }
            }
        }
    }

    /** sha256 when listed (every repository serves that copy), else the first listed. */
    private static String urlHash(TargetInfo info) {
        String sha256 = info.hashes().get("sha256");
        return sha256 != null ? sha256 : info.hashes().values().iterator().next();
    }

    /** Reads at most length + 1 bytes, copying them to {@code out} if given, and checks length and hashes. */
    private static void verifyStream(InputStream in, TargetInfo info, OutputStream out)
            throws IOException, TufException {
        Hashes.requireSupported(info.hashes(), null, "target " + info.path());
        Map<String, MessageDigest> digests = Hashes.digests(info.hashes());
        byte[] buffer = new byte[16384];
        long total = 0;
        while (true) {
            int n = in.read(buffer, 0, BoundedInput.ask(buffer.length, info.length() - total));
            if (n < 0) {
                break;
            }
            total += n;
            if (total > info.length()) {
                throw new TufException(Reason.TOO_LARGE, null, "target " + info.path() + " is longer than its signed "
                        + info.length() + " bytes: download aborted");
            }
            for (MessageDigest d : digests.values()) {
                d.update(buffer, 0, n);
            }
            if (out != null) {
                out.write(buffer, 0, n);
            }
        }
        if (total != info.length()) {
            throw new TufException(Reason.LENGTH_OR_HASH_MISMATCH, null,
                    "target " + info.path() + " has " + total + " bytes, its metadata says " + info.length());
        }
        Hashes.check(info.hashes(), digests, null, "target " + info.path());
    }
}
