// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.osgi.dto.DTO;

/**
 * A command the server hands an agent. {@link #params} is carried as the exact JSON text that was
 * signed, so both sides hash the same bytes without a canonical-JSON step.
 */
public class SignedCommandDTO extends DTO {
    /** Scan the subsystem named in params. */
    public static final String TYPE_SCAN = "scan";
    /** Compute a dry-run plan. */
    public static final String TYPE_DRY_RUN = "dry-run";
    /** Install updates, bound to an approved plan hash. */
    public static final String TYPE_INSTALL = "install";

    public String id;
    public String agentId;
    public String type;
    /** JSON object text, exactly as signed. */
    public String params;
    /** ISO-8601 UTC instant of signing. */
    public String issuedAt;
    /** Id of the key that signed it (first 32 hex chars of the SHA-256 of the public key). */
    public String keyId;
    /** Base64 Ed25519 signature over {@link #canonicalBytes()}. */
    public String signature;

    /** The bytes that are signed: a version tag, agent id, command id, type, params hash, time. */
    public byte[] canonicalBytes() {
        String text = String.join("\n", "redflag-command-v1", nz(agentId), nz(id), nz(type),
                sha256Hex(nz(params)), nz(issuedAt));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
