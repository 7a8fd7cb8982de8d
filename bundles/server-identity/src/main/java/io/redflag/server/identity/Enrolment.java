// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import io.redflag.binding.VerifiedProof;
import io.redflag.protocol.RebindDTO;
import io.redflag.protocol.RebindRequestDTO;
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
     * Consumes one seat and creates the agent of this machine, bound to the key that signed the request. A machine
     * id that already has an agent is only registered again by that agent's own key, or after an operator opened a
     * {@linkplain #rebind rebind} for it.
     *
     * @throws CredentialsRefusedException when the token is unknown, revoked, expired or used up
     * @throws AgentConflictException when the machine id belongs to an agent with another key, or the key to an agent
     *         on another machine (a clone); nothing is consumed
     */
    RegisterResponseDTO register(RegisterRequestDTO request, VerifiedProof proof);

    /**
     * Exchanges a refresh token for a new pair; the machine id must be the one the agent registered with, and the
     * proof must be by the agent's key (an agent registered before machine binding has its key bound by this call).
     *
     * @throws CredentialsRefusedException when the token is unknown, spent, revoked, expired, from another machine or
     *         proven by another key
     */
    TokenPairDTO refresh(RefreshRequestDTO request, String machineId, VerifiedProof proof);

    /**
     * Opens an agent for rebinding: its key and credentials stop working at once, and the next registration from
     * the given machine id (by default its own) within the time given takes the agent over with a new key, keeping
     * its history.
     *
     * @throws io.redflag.server.inventory.UnknownAgentException
     * @throws AgentConflictException when another agent has that machine id
     */
    RebindDTO rebind(String operator, UUID agentId, RebindRequestDTO request);

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
