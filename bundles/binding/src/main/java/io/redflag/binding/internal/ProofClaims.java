// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The names and digests a proof is made of, in one place for the signer and the verifier. */
public final class ProofClaims {

    public static final String TYPE = "dpop+jwt";
    public static final String METHOD = "htm";
    public static final String PATH = "htu";
    public static final String BODY_DIGEST = "htb";
    public static final String TOKEN_DIGEST = "ath";

    private ProofClaims() {}

    /** base64url (no padding) of SHA-256 over the bytes. */
    public static String digest(byte[] data) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.US_ASCII));
    }
}
