// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import io.redflag.binding.VerifiedProof;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's side of machine binding: a request's proof of possession is checked (see
 * {@link io.redflag.binding.ProofVerifier}) and its single-use id remembered by every server node, so a proof
 * works once.
 */
@ProviderType
public interface ProofOfPossession {

    /**
     * The proof, checked and spent.
     *
     * @param accessToken the access token sent with the request ({@code ath}), or {@code null}
     * @param boundTo the key thumbprint that access token is bound to; the proof must be by that key ({@code null}:
     *        any key, as at registration)
     * @throws CredentialsRefusedException naming what does not hold (logged as a security event)
     */
    VerifiedProof accept(String proof, String method, String path, byte[] body, String accessToken, String boundTo);
}
