// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding;

import java.time.Instant;
import org.osgi.dto.DTO;

/** What a valid proof established: which key signed which request, once, when. */
public class VerifiedProof extends DTO {
    /** RFC 7638 SHA-256 thumbprint (base64url) of the signing key. */
    public String thumbprint;
    /** The signing key as a public JWK (JSON text), to store at registration. */
    public String publicJwk;
    /** The proof's single-use id; the caller refuses one it has seen before. */
    public String jti;
    public Instant issuedAt;
    /** The proof itself (compact JWS): kept with what it signed, anyone holding the public key can check it again. */
    public String proof;
}
