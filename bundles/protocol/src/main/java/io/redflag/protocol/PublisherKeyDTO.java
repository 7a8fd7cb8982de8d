// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A publisher's public key as TUF lists it: {@code {"keytype": "ed25519", "scheme": "ed25519", "public": "<hex>"}}. */
public class PublisherKeyDTO extends DTO {
    public String keytype;
    public String scheme;
    /** The key's public value as TUF writes it ({@code keyval.public}): hex for Ed25519, PEM for ECDSA and RSA. */
    public String publicKey;
    /** The TUF key id (SHA-256 of the key's canonical JSON); filled in by the server. */
    public String keyId;
}
