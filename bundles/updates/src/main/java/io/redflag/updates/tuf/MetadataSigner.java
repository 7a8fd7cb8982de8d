// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import java.security.GeneralSecurityException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that signs TUF metadata with one key: {@link Ed25519Signer} for a key held here, or an implementation
 * in front of a hardware token or a KMS. The private key need never leave it.
 */
@ConsumerType
public interface MetadataSigner {

    /** The public key, as it is listed in the delegating metadata. */
    TufKey key();

    /**
     * Signs the canonical JSON of a {@code signed} object with the key's scheme.
     *
     * @return the raw signature bytes (metadata carries them as hex)
     * @throws GeneralSecurityException when the key cannot sign
     */
    byte[] sign(byte[] canonicalSigned) throws GeneralSecurityException;
}
