// SPDX-License-Identifier: Apache-2.0
/**
 * Machine binding: an agent's identity is rooted in an Ed25519 key pair it creates at registration and
 * never sends away. It signs a <em>proof of possession</em> for each request that matters (registration,
 * token renewal, results) in the shape of RFC 9449 (DPoP): a compact JWS with {@code typ dpop+jwt},
 * {@code alg EdDSA} and the public key in its {@code jwk} header, over the request's method
 * ({@code htm}), path ({@code htu}), time ({@code iat}) and a single-use id ({@code jti}), plus two claims:
 * {@code htb}, the SHA-256 of the request body, and {@code ath}, the SHA-256 of the access token sent with
 * it. The key's RFC 7638 thumbprint is what the server binds the agent and its access tokens to.
 * <p>
 * {@link io.redflag.binding.MachineKey} is the agent's side; {@link io.redflag.binding.ProofVerifier}
 * (a service of this bundle, holding no key) is the server's. Remembering which proof ids were already
 * used is the verifier's caller's job: it has the shared store.
 */
@Export
@Version("1.1.0")
package io.redflag.binding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
