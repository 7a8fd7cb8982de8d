// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.binding.MachineKey;
import io.redflag.binding.ProofVerifier;
import io.redflag.binding.VerifiedProof;
import io.redflag.binding.internal.JwsProofVerifier;
import io.redflag.protocol.AgentStatus;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.RebindDTO;
import io.redflag.protocol.RebindRequestDTO;
import io.redflag.protocol.RefreshRequestDTO;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.RegisterResponseDTO;
import io.redflag.protocol.RegistrationTokenDTO;
import io.redflag.protocol.RegistrationTokenInfoDTO;
import io.redflag.protocol.RegistrationTokenRequestDTO;
import io.redflag.protocol.TokenPairDTO;
import io.redflag.server.identity.internal.JdbcEnrolment;
import io.redflag.server.identity.internal.JwtAccessTokens;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.TestCatalog;
import io.redflag.server.inventory.internal.JdbcInventory;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentTest {

    private final Database db = TestDatabase.fresh();
    private final AuditLog audit = new ChainedAuditLog(db);
    private final Inventory inventory = new JdbcInventory(db, TestCatalog.aptAndStorage(), new io.redflag.server.store.internal.ChainedAuditLog(db));
    private final JwtAccessTokens tokens = new JwtAccessTokens(db);
    private final Enrolment enrolment = new JdbcEnrolment(db, tokens, audit, inventory);
    private final ProofVerifier verifier = new JwsProofVerifier();
    private final java.util.Map<String, MachineKey> keys = new java.util.HashMap<>();

    @TempDir
    Path keyDir;

    /** The key of a machine (one per name, created on first use) — what each agent holds. */
    private MachineKey key(String name) {
        return keys.computeIfAbsent(name, n -> {
            try {
                return MachineKey.loadOrCreate(keyDir.resolve(n));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** A verified proof by that key, as the REST layer hands it on. */
    private VerifiedProof proof(String keyName) {
        byte[] body = new byte[0];
        try {
            return verifier.verify(key(keyName).prove("POST", "/api/v1/agents/register", body, null), "POST",
                    "/api/v1/agents/register", body, null, java.time.Instant.now());
        } catch (io.redflag.binding.ProofException e) {
            throw new AssertionError(e);
        }
    }

    private RegisterResponseDTO register(String token, String machine) {
        return enrolment.register(registration(token, machine), proof(machine));
    }

    private TokenPairDTO renew(String refreshToken, String machine) {
        return enrolment.refresh(refresh(refreshToken), machine, proof(machine));
    }

    private String registrationToken(int seats) {
        RegistrationTokenRequestDTO r = new RegistrationTokenRequestDTO();
        r.seats = seats;
        RegistrationTokenDTO t = enrolment.createRegistrationToken("operator:test", r);
        assertThat(t.token).startsWith("rfr_");
        return t.token;
    }

    private static RegisterRequestDTO registration(String token, String machine) {
        RegisterRequestDTO r = new RegisterRequestDTO();
        r.registrationToken = token;
        r.machineId = machine;
        r.hostname = "web-1";
        r.osFamily = "linux";
        r.agentVersion = "0.1.0";
        r.scanners = List.of("apt", "storage");
        return r;
    }

    private static RefreshRequestDTO refresh(String token) {
        RefreshRequestDTO r = new RefreshRequestDTO();
        r.refreshToken = token;
        return r;
    }

    @Test
    void aRegistrationSpendsASeatCreatesTheSubsystemsAndIssuesTokensBoundToTheMachine() {
        String token = registrationToken(1);
        RegisterResponseDTO reg = register(token, "m-1");
        AgentIdentity who = tokens.verify(reg.accessToken);
        assertThat(who.agentId()).isEqualTo(reg.agentId);
        assertThat(who.machineId()).isEqualTo("m-1");
        assertThat(reg.refreshToken).startsWith("rft_");
        assertThat(reg.pollIntervalSeconds).isPositive();
        assertThat(inventory.subsystems(UUID.fromString(reg.agentId))).extracting(s -> s.ecosystem).containsExactly("apt", "storage");

        assertThatThrownBy(() -> register(token, "m-2"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("registration token has no seats left");
        assertThatThrownBy(() -> register("rfr_nope", "m-3"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("unknown registration token");
        // refusals are written once per kind and source, then counted (one more row when the minute is over)
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'agent.register.refused' AND security")).isEqualTo(1);
        ((ChainedAuditLog) audit).flushRefusals(true);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'agent.register.refused' AND security "
                + "AND detail LIKE '1 more refused%unknown registration token%'")).isEqualTo(1);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheWholeFamily() {
        RegisterResponseDTO reg = register(registrationToken(1), "m-1");
        TokenPairDTO second = renew(reg.refreshToken, "m-1");
        assertThat(second.refreshToken).isNotEqualTo(reg.refreshToken);
        assertThat(tokens.verify(second.accessToken).agentId()).isEqualTo(reg.agentId);

        assertThatThrownBy(() -> renew(reg.refreshToken, "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessageContaining("already used");
        assertThatThrownBy(() -> renew(second.refreshToken, "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token revoked");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'refresh-token.reuse' AND security")).isEqualTo(1);
    }

    @Test
    void aRefreshTokenFromAnotherMachineIsRefusedAndBadInputIsNamed() {
        RegisterResponseDTO reg = register(registrationToken(1), "m-1");
        assertThatThrownBy(() -> enrolment.refresh(refresh(reg.refreshToken), "m-2", proof("m-1")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token presented from another machine");
        assertThatThrownBy(() -> enrolment.refresh(refresh("not-a-token"), "m-1", proof("m-1")))
                .isInstanceOf(InvalidMessageException.class).hasMessage("refreshToken is not a refresh token (rft_…)");
        RegisterRequestDTO noHost = registration(registrationToken(1), "m-9");
        noHost.hostname = " ";
        assertThatThrownBy(() -> enrolment.register(noHost, proof("m-9"))).isInstanceOf(InvalidMessageException.class)
                .hasMessage("hostname is required");
        assertThatThrownBy(() -> tokens.verify(reg.accessToken + "x")).isInstanceOf(CredentialsRefusedException.class)
                .hasMessage("access token invalid");
    }

    @Test
    void registeringTheSameMachineAgainKeepsTheAgentAndEndsTheOldSession() {
        RegisterResponseDTO first = register(registrationToken(1), "m-1");
        RegisterResponseDTO again = register(registrationToken(1), "m-1");
        assertThat(again.agentId).isEqualTo(first.agentId);
        assertThatThrownBy(() -> renew(first.refreshToken, "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token revoked");
        assertThat(renew(again.refreshToken, "m-1").accessToken).isNotBlank();
    }

    @Test
    void operatorsListAndRevokeRegistrationTokensAndRevokeOrDeleteAgents() {
        String token = registrationToken(5);
        RegistrationTokenInfoDTO listed = enrolment.registrationTokens().get(0);
        assertThat(listed.seats).isEqualTo(5);
        assertThat(listed.revokedAt).isNull();
        RegisterResponseDTO reg = register(token, "m-1");
        assertThat(enrolment.registrationTokens().get(0).used).isEqualTo(1);

        assertThat(enrolment.revokeRegistrationToken("operator:test", UUID.fromString(listed.id)).revokedAt).isNotNull();
        assertThatThrownBy(() -> register(token, "m-2"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("registration token revoked");
        assertThatThrownBy(() -> enrolment.revokeRegistrationToken("operator:test", UUID.randomUUID()))
                .isInstanceOf(UnknownRegistrationTokenException.class);

        UUID agent = UUID.fromString(reg.agentId);
        enrolment.revokeAgent("operator:test", agent);
        assertThatThrownBy(() -> renew(reg.refreshToken, "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token revoked");
        assertThat(inventory.agent(agent).status).isEqualTo(io.redflag.protocol.AgentStatus.REVOKED);
        enrolment.deleteAgent("operator:test", agent);
        assertThatThrownBy(() -> inventory.agent(agent)).isInstanceOf(io.redflag.server.inventory.UnknownAgentException.class);
        assertThatThrownBy(() -> enrolment.deleteAgent("operator:test", agent))
                .isInstanceOf(io.redflag.server.inventory.UnknownAgentException.class);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('agent.revoke', 'agent.delete', "
                + "'registration-token.revoke')")).isEqualTo(3);
    }

    @Test
    void accessTokensAreBoundToTheAgentsKey() {
        RegisterResponseDTO reg = register(registrationToken(1), "m-1");
        assertThat(tokens.verify(reg.accessToken).keyThumbprint()).isEqualTo(key("m-1").thumbprint());
        assertThat(inventory.agent(UUID.fromString(reg.agentId)).keyThumbprint).isEqualTo(key("m-1").thumbprint());
    }

    @Test
    void expiredAndMisaddressedTokensSignedWithTheServersOwnKeyAreRefused() throws Exception {
        RegisterResponseDTO reg = register(registrationToken(1), "m-1");
        byte[] secret = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_secrets WHERE name = 'jwt-hs256'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        });
        java.util.function.Function<org.jose4j.jwt.JwtClaims, String> sign = claims -> {
            org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new org.jose4j.keys.HmacKey(secret));
            try {
                return jws.getCompactSerialization();
            } catch (org.jose4j.lang.JoseException e) {
                throw new AssertionError(e);
            }
        };
        java.util.function.Supplier<org.jose4j.jwt.JwtClaims> base = () -> {
            org.jose4j.jwt.JwtClaims c = new org.jose4j.jwt.JwtClaims();
            c.setIssuer("redflag");
            c.setAudience("agent");
            c.setSubject(reg.agentId);
            c.setClaim("mid", "m-1");
            c.setExpirationTimeMinutesInTheFuture(5);
            return c;
        };
        assertThat(tokens.verify(sign.apply(base.get())).agentId()).as("the control: a well-made token").isEqualTo(reg.agentId);

        org.jose4j.jwt.JwtClaims expired = base.get();
        expired.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(java.time.Instant.now().minusSeconds(120).getEpochSecond()));
        assertThatThrownBy(() -> tokens.verify(sign.apply(expired))).isInstanceOf(CredentialsRefusedException.class)
                .hasMessage("access token expired");
        org.jose4j.jwt.JwtClaims operatorAudience = base.get();
        operatorAudience.setAudience("operator");
        assertThatThrownBy(() -> tokens.verify(sign.apply(operatorAudience))).isInstanceOf(CredentialsRefusedException.class)
                .hasMessage("access token invalid");
        org.jose4j.jwt.JwtClaims noExpiry = base.get();
        noExpiry.unsetClaim("exp");
        assertThatThrownBy(() -> tokens.verify(sign.apply(noExpiry))).isInstanceOf(CredentialsRefusedException.class);
    }

    @Test
    void aKnownMachineIdWithAnotherKeyDoesNotTakeTheAgentOver() {
        RegisterResponseDTO real = register(registrationToken(1), "m-1");
        String seat = registrationToken(1);
        // the attacker knows the machine id, holds a seat, and has its own key
        assertThatThrownBy(() -> enrolment.register(registration(seat, "m-1"), proof("attacker")))
                .isInstanceOf(AgentConflictException.class).hasMessageContaining("already registered as agent " + real.agentId)
                .hasMessageContaining("/rebind");
        assertThat(enrolment.registrationTokens().get(0).used).as("the seat is not spent").isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'agent.register.conflict' AND security")).isEqualTo(1);
        // the real agent keeps working, and is still bound to its own key
        assertThat(tokens.verify(renew(real.refreshToken, "m-1").accessToken).keyThumbprint()).isEqualTo(key("m-1").thumbprint());
    }

    @Test
    void aClonedKeyOnAnotherMachineIsRefusedAsAClone() {
        RegisterResponseDTO real = register(registrationToken(1), "m-1");
        assertThatThrownBy(() -> enrolment.register(registration(registrationToken(1), "m-2"), proof("m-1")))
                .isInstanceOf(AgentConflictException.class).hasMessageContaining("cloned");
        // the copied refresh token and key, used from the clone's machine id
        assertThatThrownBy(() -> enrolment.refresh(refresh(real.refreshToken), "m-2", proof("m-1")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token presented from another machine");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'agent.clone.suspected' AND security")).isEqualTo(1);
    }

    @Test
    void aStolenRefreshTokenWithoutTheKeyIsRefusedAndDoesNotLockTheAgentOut() {
        RegisterResponseDTO real = register(registrationToken(1), "m-1");
        assertThatThrownBy(() -> enrolment.refresh(refresh(real.refreshToken), "m-1", proof("thief")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessageContaining("another key");
        assertThat(renew(real.refreshToken, "m-1").accessToken).isNotBlank();
    }

    @Test
    void anAgentRegisteredBeforeMachineBindingHasItsKeyBoundAtItsFirstRenewal() {
        RegisterResponseDTO reg = register(registrationToken(1), "m-1");
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET key_thumbprint = NULL, public_key = NULL"));
        TokenPairDTO pair = renew(reg.refreshToken, "m-1");
        assertThat(tokens.verify(pair.accessToken).keyThumbprint()).isEqualTo(key("m-1").thumbprint());
        assertThat(inventory.agent(UUID.fromString(reg.agentId)).keyThumbprint).isEqualTo(key("m-1").thumbprint());
        assertThatThrownBy(() -> enrolment.refresh(refresh(pair.refreshToken), "m-1", proof("other")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessageContaining("another key");
    }

    @Test
    void anOperatorRebindsAnAgentToAReinstalledOrNewMachine() {
        RegisterResponseDTO old = register(registrationToken(1), "m-1");
        UUID agent = UUID.fromString(old.agentId);
        RebindDTO open = enrolment.rebind("operator:test", agent, new RebindRequestDTO());
        assertThat(open.machineId).isEqualTo("m-1");
        assertThat(inventory.agent(agent).status).isEqualTo(AgentStatus.REBINDING);
        assertThatThrownBy(() -> renew(old.refreshToken, "m-1")).isInstanceOf(CredentialsRefusedException.class);

        // the reinstalled machine: same machine id, new key
        RegisterResponseDTO again = enrolment.register(registration(registrationToken(1), "m-1"), proof("m-1-reinstalled"));
        assertThat(again.agentId).isEqualTo(old.agentId);
        assertThat(inventory.agent(agent).status).isEqualTo(AgentStatus.ACTIVE);
        assertThat(inventory.agent(agent).keyThumbprint).isEqualTo(key("m-1-reinstalled").thumbprint());
        assertThat(inventory.agent(agent).rebindMachineId).isNull();
        // and only once: the next registration with yet another key is a conflict again
        assertThatThrownBy(() -> enrolment.register(registration(registrationToken(1), "m-1"), proof("third")))
                .isInstanceOf(AgentConflictException.class);

        // onto a new machine id
        RebindRequestDTO move = new RebindRequestDTO();
        move.machineId = "m-new";
        enrolment.rebind("operator:test", agent, move);
        assertThat(enrolment.register(registration(registrationToken(1), "m-new"), proof("m-new")).agentId).isEqualTo(old.agentId);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('agent.rebind', 'agent.rebound')")).isEqualTo(4);

        // a machine id another agent has cannot be a rebind's target
        register(registrationToken(1), "m-2");
        RebindRequestDTO taken = new RebindRequestDTO();
        taken.machineId = "m-2";
        assertThatThrownBy(() -> enrolment.rebind("operator:test", agent, taken)).isInstanceOf(AgentConflictException.class);
        assertThatThrownBy(() -> enrolment.rebind("operator:test", UUID.randomUUID(), new RebindRequestDTO()))
                .isInstanceOf(io.redflag.server.inventory.UnknownAgentException.class);
    }

    @Test
    void aRevokedAgentIsNotBroughtBackByRegisteringAgain() {
        RegisterResponseDTO reg = register(registrationToken(1), "m-1");
        enrolment.revokeAgent("operator:test", UUID.fromString(reg.agentId));
        assertThatThrownBy(() -> register(registrationToken(1), "m-1")).isInstanceOf(AgentConflictException.class)
                .hasMessageContaining("revoked");
        assertThat(inventory.agent(UUID.fromString(reg.agentId)).status).isEqualTo(AgentStatus.REVOKED);
    }

    private long count(String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
