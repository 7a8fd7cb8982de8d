// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import io.redflag.protocol.RefreshRequestDTO;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.RegisterResponseDTO;
import io.redflag.protocol.RegistrationTokenDTO;
import io.redflag.protocol.RegistrationTokenInfoDTO;
import io.redflag.protocol.RegistrationTokenRequestDTO;
import io.redflag.protocol.TokenPairDTO;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registration tokens with seats and expiry, agent registration, and rotating refresh tokens: a
 * refresh token works once; presenting a used one again revokes its whole family (it was stolen, or
 * the agent was cloned).
 */
@ProviderType
public interface Enrolment {

    /** A new token; its secret is in the answer only, and only its hash is kept. */
    RegistrationTokenDTO createRegistrationToken(String operator, RegistrationTokenRequestDTO request);

    /**
     * Consumes one seat and creates (or re-binds) the agent of this machine.
     *
     * @throws CredentialsRefusedException when the token is unknown, revoked, expired or used up
     */
    RegisterResponseDTO register(RegisterRequestDTO request);

    /**
     * Exchanges a refresh token for a new pair; the machine id must be the one the agent registered with.
     *
     * @throws CredentialsRefusedException when the token is unknown, spent, revoked, expired or from another machine
     */
    TokenPairDTO refresh(RefreshRequestDTO request, String machineId);

    /** Every registration token, newest first; never their secrets. */
    List<RegistrationTokenInfoDTO> registrationTokens();

    /**
     * Revokes a registration token: no further agent registers with it.
     *
     * @throws UnknownRegistrationTokenException
     */
    RegistrationTokenInfoDTO revokeRegistrationToken(String operator, UUID id);

    /**
     * Revokes an agent: its refresh tokens die, its check-ins and results are refused from now on.
     *
     * @throws io.redflag.server.inventory.UnknownAgentException
     */
    void revokeAgent(String operator, UUID agentId);

    /**
     * Deletes an agent with everything stored about it; the audit log keeps that it happened.
     *
     * @throws io.redflag.server.inventory.UnknownAgentException
     */
    void deleteAgent(String operator, UUID agentId);
}
