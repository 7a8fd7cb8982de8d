// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (RFC 9106, Bouncy Castle's), kept as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so that stronger parameters later still verify older hashes.
 * The parameters are OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane (≈ 30 ms here).
 */
final class Passwords {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    /** The most memory a stored hash may ask for (256 MiB): a hash asking for more is not one this server made. */
    private static final int MAX_MEMORY_KIB = 1 << 18;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    /** One-time passwords: no 0/O, 1/l/I, so that they can be read out and typed. */
    private static final char[] READABLE = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Passwords() {}

    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} is the one {@code encoded} was made from; false for anything not such a hash. */
    static boolean verify(String password, String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
        // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        int m;
        int t;
        int p;
        byte[] salt;
        byte[] expected;
        try {
            String[] params = parts[3].split(",");
            if (params.length != 3 || !params[0].startsWith("m=") || !params[1].startsWith("t=") || !params[2].startsWith("p=")) {
                return false;
            }
            m = Integer.parseInt(params[0].substring(2));
            t = Integer.parseInt(params[1].substring(2));
            p = Integer.parseInt(params[2].substring(2));
            Base64.Decoder d = Base64.getDecoder();
            salt = d.decode(parts[4]);
            expected = d.decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > 100 || p < 1 || p > 16 || salt.length < 8 || expected.length < 16) {
            return false; // not a hash this server made: no memory or time spent on it
        }
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
    }

    /** A password for a new account's first sign-in: 20 readable characters (≈ 117 bits). */
    static String oneTime() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(READABLE[RANDOM.nextInt(READABLE.length)]);
        }
        return b.toString();
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[length];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
