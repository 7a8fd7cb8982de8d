// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hash algorithms TUF metadata may name (securesystemslib's names), checked against data. An algorithm we do not
 * know is a failure, never skipped: otherwise a repository could list only hashes the client ignores.
 */
public final class Hashes {

    private static final Map<String, String> JCA = Map.of(
            "sha224", "SHA-224",
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512",
            "sha3-256", "SHA3-256",
            "sha3-384", "SHA3-384",
            "sha3-512", "SHA3-512");

    private Hashes() {
    }

    public static boolean supported(String algorithm) {
        return JCA.containsKey(algorithm);
    }

    public static MessageDigest digest(String algorithm) {
        String jca = JCA.get(algorithm);
        if (jca == null) {
            throw new IllegalArgumentException("unsupported hash algorithm " + algorithm);
        }
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + jca, e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return Hex.encode(digest("sha256").digest(data));
    }

    /** Throws unless every listed algorithm is one we can compute. */
    public static void requireSupported(Map<String, String> hashes, String role, String what) throws TufException {
        for (String algorithm : hashes.keySet()) {
            if (!supported(algorithm)) {
                throw new TufException(Reason.LENGTH_OR_HASH_MISMATCH, role,
                        what + ": hash algorithm '" + algorithm + "' is not supported, so it cannot be verified");
            }
        }
    }

    /** One digest per listed algorithm, to be fed as the data streams in. */
    public static Map<String, MessageDigest> digests(Map<String, String> hashes) {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        hashes.keySet().forEach(a -> digests.put(a, digest(a)));
        return digests;
    }

    /** Compares finished digests with the listed hex values (either case). */
    public static void check(Map<String, String> expected, Map<String, MessageDigest> digests, String role, String what)
            throws TufException {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = Hex.encode(digests.get(e.getKey()).digest());
            if (!actual.equals(e.getValue().toLowerCase(Locale.ROOT))) {
                throw new TufException(Reason.LENGTH_OR_HASH_MISMATCH, role,
                        what + ": " + e.getKey() + " is " + actual + ", the metadata says " + e.getValue());
            }
        }
    }

    /** Checks length (when given) and all hashes of bytes held in memory. */
    public static void checkBytes(byte[] data, long length, Map<String, String> hashes, String role, String what)
            throws TufException {
        if (length >= 0 && data.length != length) {
            throw new TufException(Reason.LENGTH_OR_HASH_MISMATCH, role,
                    what + ": " + data.length + " bytes, the metadata says " + length);
        }
        requireSupported(hashes, role, what);
        Map<String, MessageDigest> digests = digests(hashes);
        digests.values().forEach(d -> d.update(data));
        check(hashes, digests, role, what);
    }
}
