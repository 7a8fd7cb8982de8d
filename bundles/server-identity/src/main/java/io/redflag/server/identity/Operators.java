// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import io.redflag.protocol.OperatorTokenDTO;
import io.redflag.protocol.OperatorTokenRequestDTO;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Operator API tokens ({@code rfo_…}), one per person or tool, each with a role: {@code admin} (everything,
 * including these tokens), {@code operator} (everything else), {@code viewer} (reads only).
 */
@ProviderType
public interface Operators {

    /** The operator holding this token, if it is known and not revoked. */
    Optional<OperatorIdentity> authenticate(String token);

    /** A new token; its secret is in the answer only. */
    OperatorTokenDTO create(String by, OperatorTokenRequestDTO request);

    /** Every operator token, newest first; never their secrets. */
    List<OperatorTokenDTO> list();

    /**
     * Revokes a token: refused at once from then on.
     *
     * @throws UnknownOperatorTokenException
     * @throws LastAdminException when it is the last usable admin token (nobody could manage tokens any more)
     */
    OperatorTokenDTO revoke(String by, UUID id);
}
