// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing;

import org.osgi.annotation.versioning.ProviderType;

/** Signs with the server's private key. Offered only where a key is configured: the server. */
@ProviderType
public interface Signer {

    /** The signing key's id: first 32 hex chars of SHA-256 over the encoded public key. */
    String keyId();

    /** The public key, X.509 SubjectPublicKeyInfo encoded, in Base64. */
    String publicKey();

    /** Base64 Ed25519 signature over {@code data}. */
    String sign(byte[] data);

    /** Fills in keyId and signature of {@code command}. */
    default SignedCommandDTO sign(SignedCommandDTO command) {
        command.keyId = keyId();
        command.signature = sign(command.canonicalBytes());
        return command;
    }
}
