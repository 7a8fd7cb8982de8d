// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets: 32 random bytes with a prefix that says what they are for. Only their SHA-256 is
 * stored; with 256 bits of entropy a slow KDF adds nothing, and lookups stay a unique-index hit.
 */
public final class Secrets {

    public static final String REGISTRATION = "rfr_";
    public static final String OPERATOR = "rfo_";
    public static final String REFRESH = "rft_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String generate(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * Writes a secret for the person installing the server to {@code file}, readable by this user only from the first
     * byte (0600, created so before anything is written, then moved into place at once).
     */
    public static void writePrivate(Path file, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "secret", ".tmp",
                PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, secret + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
