// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing;

import org.osgi.annotation.versioning.ProviderType;

/** Verifies signatures against a public key the caller pinned. Needs no key of its own: active everywhere. */
@ProviderType
public interface SignatureVerifier {

    /** The key id of a Base64 public key, as {@link Signer#keyId()} computes it. */
    String keyId(String publicKey) throws SignatureException;

    /**
     * Checks {@code signature} over {@code data} with {@code publicKey}.
     *
     * @throws SignatureException with the reason when the signature is missing, malformed or wrong
     */
    void verify(String publicKey, byte[] data, String signature) throws SignatureException;

    /** Checks a command's key id and signature against the pinned key. */
    default void verify(String publicKey, SignedCommandDTO command) throws SignatureException {
        if (command.signature == null || command.signature.isBlank()) {
            throw new SignatureException("command " + command.id + " is not signed");
        }
        if (!keyId(publicKey).equals(command.keyId)) {
            throw new SignatureException("command " + command.id + " is signed by key " + command.keyId
                    + ", not by the pinned server key");
        }
        verify(publicKey, command.canonicalBytes(), command.signature);
    }
}
