// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.InvalidMessageException;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnrolmentTest {

    private final Database db = TestDatabase.fresh();
    private final AuditLog audit = new ChainedAuditLog(db);
    private final Inventory inventory = new JdbcInventory(db, TestCatalog.aptAndStorage());
    private final JwtAccessTokens tokens = new JwtAccessTokens(db);
    private final Enrolment enrolment = new JdbcEnrolment(db, tokens, audit, inventory);

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
        RegisterResponseDTO reg = enrolment.register(registration(token, "m-1"));
        AgentIdentity who = tokens.verify(reg.accessToken);
        assertThat(who.agentId()).isEqualTo(reg.agentId);
        assertThat(who.machineId()).isEqualTo("m-1");
        assertThat(reg.refreshToken).startsWith("rft_");
        assertThat(reg.pollIntervalSeconds).isPositive();
        assertThat(inventory.subsystems(UUID.fromString(reg.agentId))).extracting(s -> s.ecosystem).containsExactly("apt", "storage");

        assertThatThrownBy(() -> enrolment.register(registration(token, "m-2")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("registration token has no seats left");
        assertThatThrownBy(() -> enrolment.register(registration("rfr_nope", "m-3")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("unknown registration token");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'agent.register.refused' AND security")).isEqualTo(2);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheWholeFamily() {
        RegisterResponseDTO reg = enrolment.register(registration(registrationToken(1), "m-1"));
        TokenPairDTO second = enrolment.refresh(refresh(reg.refreshToken), "m-1");
        assertThat(second.refreshToken).isNotEqualTo(reg.refreshToken);
        assertThat(tokens.verify(second.accessToken).agentId()).isEqualTo(reg.agentId);

        assertThatThrownBy(() -> enrolment.refresh(refresh(reg.refreshToken), "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessageContaining("already used");
        assertThatThrownBy(() -> enrolment.refresh(refresh(second.refreshToken), "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token revoked");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'refresh-token.reuse' AND security")).isEqualTo(1);
    }

    @Test
    void aRefreshTokenFromAnotherMachineIsRefusedAndBadInputIsNamed() {
        RegisterResponseDTO reg = enrolment.register(registration(registrationToken(1), "m-1"));
        assertThatThrownBy(() -> enrolment.refresh(refresh(reg.refreshToken), "m-2"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token presented from another machine");
        assertThatThrownBy(() -> enrolment.refresh(refresh("not-a-token"), "m-1"))
                .isInstanceOf(InvalidMessageException.class).hasMessage("refreshToken is not a refresh token (rft_…)");
        RegisterRequestDTO noHost = registration(registrationToken(1), "m-9");
        noHost.hostname = " ";
        assertThatThrownBy(() -> enrolment.register(noHost)).isInstanceOf(InvalidMessageException.class)
                .hasMessage("hostname is required");
        assertThatThrownBy(() -> tokens.verify(reg.accessToken + "x")).isInstanceOf(CredentialsRefusedException.class)
                .hasMessage("access token invalid");
    }

    @Test
    void registeringTheSameMachineAgainKeepsTheAgentAndEndsTheOldSession() {
        RegisterResponseDTO first = enrolment.register(registration(registrationToken(1), "m-1"));
        RegisterResponseDTO again = enrolment.register(registration(registrationToken(1), "m-1"));
        assertThat(again.agentId).isEqualTo(first.agentId);
        assertThatThrownBy(() -> enrolment.refresh(refresh(first.refreshToken), "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token revoked");
        assertThat(enrolment.refresh(refresh(again.refreshToken), "m-1").accessToken).isNotBlank();
    }

    @Test
    void operatorsListAndRevokeRegistrationTokensAndRevokeOrDeleteAgents() {
        String token = registrationToken(5);
        RegistrationTokenInfoDTO listed = enrolment.registrationTokens().get(0);
        assertThat(listed.seats).isEqualTo(5);
        assertThat(listed.revokedAt).isNull();
        RegisterResponseDTO reg = enrolment.register(registration(token, "m-1"));
        assertThat(enrolment.registrationTokens().get(0).used).isEqualTo(1);

        assertThat(enrolment.revokeRegistrationToken("operator:test", UUID.fromString(listed.id)).revokedAt).isNotNull();
        assertThatThrownBy(() -> enrolment.register(registration(token, "m-2")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("registration token revoked");
        assertThatThrownBy(() -> enrolment.revokeRegistrationToken("operator:test", UUID.randomUUID()))
                .isInstanceOf(UnknownRegistrationTokenException.class);

        UUID agent = UUID.fromString(reg.agentId);
        enrolment.revokeAgent("operator:test", agent);
        assertThatThrownBy(() -> enrolment.refresh(refresh(reg.refreshToken), "m-1"))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("refresh token revoked");
        assertThat(inventory.agent(agent).status).isEqualTo(io.redflag.protocol.AgentStatus.REVOKED);
        enrolment.deleteAgent("operator:test", agent);
        assertThatThrownBy(() -> inventory.agent(agent)).isInstanceOf(io.redflag.server.inventory.UnknownAgentException.class);
        assertThatThrownBy(() -> enrolment.deleteAgent("operator:test", agent))
                .isInstanceOf(io.redflag.server.inventory.UnknownAgentException.class);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('agent.revoke', 'agent.delete', "
                + "'registration-token.revoke')")).isEqualTo(3);
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
