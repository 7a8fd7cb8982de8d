// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding;

import java.time.Duration;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Checks proofs of possession. Holds no key and no state; the caller keeps the used {@code jti}s. */
@ProviderType
public interface ProofVerifier {

    /** How far a proof's {@code iat} may be from the verifier's clock, either way. */
    Duration MAX_SKEW = Duration.ofMinutes(5);

    /**
     * Verifies a proof for one request.
     *
     * @param proof the {@code DPoP} header's value
     * @param method the request's method, e.g. {@code POST}
     * @param path the request's path as the server sees it, e.g. {@code /api/v1/agents/…/results}; the signed path
     *        must be it or end with it (a reverse proxy may strip a prefix; scheme, host and query are not compared)
     * @param body the request body's exact bytes (empty for none)
     * @param accessToken the access token sent with the request, or {@code null} when there is none
     * @param now the verifier's clock
     * @throws ProofException naming what does not hold: malformed, not EdDSA, no public key, bad signature, another
     *         method, path, body or token, too old or dated ahead
     */
    VerifiedProof verify(String proof, String method, String path, byte[] body, String accessToken, Instant now)
            throws ProofException;

    /**
     * Verifies a stored proof against the stored body and the agent's stored public key, whatever its age: how a
     * report is shown to be the agent's own.
     *
     * @throws ProofException when the proof was not made by that key over these bytes
     */
    VerifiedProof verifyStored(String proof, String publicJwk, byte[] body) throws ProofException;
}
