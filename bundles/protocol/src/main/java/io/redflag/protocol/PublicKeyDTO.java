// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code GET /api/v1/public-key}: the key agents pin, and its fingerprint to compare out of band. */
public class PublicKeyDTO extends DTO {
    public String algorithm;
    public String encoding;
    public String publicKey;
    /** First 32 hex characters of the SHA-256 of the encoded key. */
    public String keyId;
    /** The same as {@link #keyId}. */
    public String fingerprint;
}
