// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import org.osgi.annotation.versioning.ProviderType;

/** Checks the short-lived access tokens agents present on their routes. */
@ProviderType
public interface AccessTokens {

    /**
     * Who the token was issued to.
     *
     * @throws CredentialsRefusedException when it is expired, forged or malformed (the message says which)
     */
    AgentIdentity verify(String token);
}
