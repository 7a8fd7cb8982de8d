// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks of docs/SECURITY.md, tried against the running server over HTTP. Each test fails if its attack
 * succeeds. The attacker holds what the threat model gives them: a registration seat, an agent's machine id (no
 * secret), a copy of an agent's state file, a captured request, a key of their own.
 */
class AttackSuiteIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    private static String seat() {
        Http.Answer a = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 1));
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.body().get("token").asText();
    }

    private static HttpAgent victim() {
        return HttpAgent.create(fleet.http).registered(seat());
    }

    @Test
    void aSeatAndAKnownMachineIdDoNotHijackAnAgent() {
        HttpAgent victim = victim();
        HttpAgent attacker = new HttpAgent(fleet.http, victim.machineId, HttpAgent.newKey());
        Http.Answer hijack = attacker.register(attacker.registration(seat(), "0.0.1", "apt"));
        assertThat(hijack.status()).as(hijack.raw()).isEqualTo(409);
        assertThat(hijack.body().get("error").asText()).isEqualTo("agent_conflict");
        assertThat(hijack.body().get("detail").asText()).contains(victim.agentId).contains("/rebind");
        assertThat(hijack.raw()).doesNotContain("accessToken").doesNotContain("rft_");
        // the victim is untouched: it renews and checks in as before
        assertThat(victim.refresh().status()).isEqualTo(200);
        assertThat(victim.checkIn("{}").status()).isEqualTo(200);
    }

    @Test
    void aCopiedAgentConfigWithoutTheKeyCannotRenewOrReport() {
        HttpAgent victim = victim();
        // everything in state.json: agent id, tokens, machine id; but not machine-key.jwk
        HttpAgent thief = new HttpAgent(fleet.http, victim.machineId, HttpAgent.newKey());
        thief.agentId = victim.agentId;
        thief.accessToken = victim.accessToken;
        thief.refreshToken = victim.refreshToken;
        Http.Answer renew = thief.refresh();
        assertThat(renew.status()).isEqualTo(401);
        assertThat(renew.body().get("detail").asText()).contains("another key");
        Http.Answer report = thief.result("{\"commandId\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"completed\"}");
        assertThat(report.status()).isEqualTo(401);
        assertThat(report.body().get("detail").asText()).contains("another key");
        Http.Answer unsigned = fleet.http.postRaw("/api/v1/agents/" + victim.agentId + "/results", victim.accessToken,
                "{\"commandId\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"completed\"}", victim.machine());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.body().get("detail").asText()).contains("DPoP");
        // and the real agent was not locked out by any of it
        assertThat(victim.refresh().status()).isEqualTo(200);
    }

    @Test
    void aClonedAgentIsRefusedAndFlagged() throws Exception {
        HttpAgent victim = victim();
        // key and state copied to another machine
        HttpAgent clone = new HttpAgent(fleet.http, java.util.UUID.randomUUID().toString(), victim.key);
        Http.Answer register = clone.register(clone.registration(seat(), "0.0.1", "apt"));
        assertThat(register.status()).isEqualTo(409);
        assertThat(register.body().get("detail").asText()).contains("clone");
        clone.agentId = victim.agentId;
        clone.accessToken = victim.accessToken;
        clone.refreshToken = victim.refreshToken;
        assertThat(clone.checkIn("{}").status()).isEqualTo(403);
        assertThat(clone.refresh().status()).isEqualTo(401);
        assertThat(securityEvents("agent.clone.suspected", victim.agentId)).isPositive();
    }

    @Test
    void aCapturedProofIsUsedOnceAndATamperedBodyNever() {
        HttpAgent agent = victim();
        String body = "{\"refreshToken\":\"" + agent.refreshToken + "\"}";
        String proof = agent.key.prove("POST", "/api/v1/agents/token", body.getBytes(StandardCharsets.UTF_8), null);
        Map<String, String> headers = Map.of("DPoP", proof, "X-RedFlag-Machine-Id", agent.machineId);
        Http.Answer first = fleet.http.postRaw("/api/v1/agents/token", null, body, headers);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        Http.Answer replay = fleet.http.postRaw("/api/v1/agents/token", null, body, headers);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.body().get("detail").asText()).contains("already used");

        // a result whose body was changed after it was signed
        String signed = "{\"commandId\":\"" + java.util.UUID.randomUUID() + "\",\"status\":\"completed\"}";
        String tampered = signed.replace("completed", "failed");
        String path = "/api/v1/agents/" + agent.agentId + "/results";
        agent.accessToken = first.body().get("accessToken").asText();
        Map<String, String> h = Map.of("DPoP", agent.key.prove("POST", path, signed.getBytes(StandardCharsets.UTF_8),
                agent.accessToken), "X-RedFlag-Machine-Id", agent.machineId);
        Http.Answer changed = fleet.http.postRaw(path, agent.accessToken, tampered, h);
        assertThat(changed.status()).isEqualTo(401);
        assertThat(changed.body().get("detail").asText()).contains("body");
    }

    @Test
    void renewalWithoutAProofIsRefused() {
        HttpAgent agent = victim();
        Http.Answer bare = fleet.http.postRaw("/api/v1/agents/token", null, "{\"refreshToken\":\"" + agent.refreshToken + "\"}",
                agent.machine());
        assertThat(bare.status()).isEqualTo(401);
        assertThat(bare.body().get("detail").asText()).contains("DPoP");
        assertThat(agent.refresh().status()).as("the refresh token was not spent by the refused call").isEqualTo(200);
    }

    @Test
    void forgedAccessTokensAreRefused() throws Exception {
        HttpAgent agent = victim();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("redflag");
        claims.setAudience("agent");
        claims.setSubject(agent.agentId);
        claims.setClaim("mid", agent.machineId);
        claims.setClaim("cnf", Map.of("jkt", agent.key.thumbprint()));
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();

        // alg none
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims.toJson()) + ".";
        // HS256 with another server's key
        JsonWebSignature other = new JsonWebSignature();
        other.setPayload(claims.toJson());
        other.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        other.setKey(new HmacKey(new byte[32]));
        // EdDSA, signed by the agent's own (or any) key: the HS/Ed confusion
        OctetKeyPairJsonWebKey ed = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        JsonWebSignature edsig = new JsonWebSignature();
        edsig.setPayload(claims.toJson());
        edsig.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        edsig.setKey(ed.getPrivateKey());
        // the agent's real token, payload edited to another agent, signature kept
        String[] parts = agent.accessToken.split("\\.");
        String edited = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(agent.agentId, fleet.agentId)) + "." + parts[2];

        for (String forged : new String[] {none, other.getCompactSerialization(), edsig.getCompactSerialization(), edited}) {
            Http.Answer a = fleet.http.postRaw("/api/v1/agents/" + agent.agentId + "/check-in", forged, "{}", agent.machine());
            assertThat(a.status()).as(forged).isEqualTo(401);
            assertThat(a.raw()).doesNotContain("jose4j").doesNotContain("Exception");
        }
        Http.Answer crossAgent = fleet.http.postRaw("/api/v1/agents/" + fleet.agentId + "/check-in", agent.accessToken, "{}",
                agent.machine());
        assertThat(crossAgent.status()).as("one agent's token for another agent").isEqualTo(403);
    }

    @Test
    void aStolenRegistrationTokenIsWorthItsSeatsOnly() {
        String token = seat();
        HttpAgent first = HttpAgent.create(fleet.http);
        assertThat(first.register(first.registration(token, "0.0.1", "apt")).status()).isEqualTo(200);
        HttpAgent thief = HttpAgent.create(fleet.http);
        Http.Answer a = thief.register(thief.registration(token, "0.0.1", "apt"));
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.body().get("detail").asText()).contains("no seats left");
    }

    @Test
    void anAgentCannotGoBackToAnOlderVersion() {
        HttpAgent agent = victim();
        assertThat(agent.checkIn("{\"agentVersion\":\"0.3.0\"}").status()).isEqualTo(200);
        Http.Answer older = agent.checkIn("{\"agentVersion\":\"0.2.9\"}");
        assertThat(older.status()).isEqualTo(409);
        assertThat(older.body().get("detail").asText()).contains("downgrades are refused");
        JsonNode seen = fleet.http.get("/api/v1/agents/" + agent.agentId, fleet.operatorToken).body();
        assertThat(seen.get("agentVersion").asText()).isEqualTo("0.3.0");
        assertThat(agent.checkIn("{\"agentVersion\":\"0.3.1\"}").status()).isEqualTo(200);
    }

    @Test
    void resultsAnAgentSetAsideAreShownToOperatorsAndBadCountsRefused() {
        HttpAgent agent = victim();
        assertThat(agent.checkIn("{\"quarantinedResults\":3}").status()).isEqualTo(200);
        JsonNode seen = fleet.http.get("/api/v1/agents/" + agent.agentId, fleet.operatorToken).body();
        assertThat(seen.get("quarantinedResults").asInt()).isEqualTo(3);
        Http.Answer negative = agent.checkIn("{\"quarantinedResults\":-1}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("detail").asText()).contains("quarantinedResults");
        Http.Answer huge = agent.checkIn("{\"quarantinedResults\":99999999999}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.raw()).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void aRevokedAgentIsRefusedAtOnceEverywhereAndCannotComeBack() {
        HttpAgent agent = victim();
        JsonNode commands = agent.checkIn("{\"scanners\":[\"apt\"]}").body().get("commands");
        assertThat(commands).isNotEmpty();
        String scan = commands.get(0).get("id").asText();
        assertThat(fleet.http.send("POST", "/api/v1/agents/" + agent.agentId + "/revoke", fleet.operatorToken).status())
                .isEqualTo(204);
        // its access token has not expired, but it is worth nothing now
        assertThat(agent.checkIn("{}").status()).isEqualTo(403);
        assertThat(agent.result("{\"commandId\":\"" + scan + "\",\"status\":\"completed\"}").status()).isEqualTo(403);
        assertThat(agent.refresh().status()).isEqualTo(401);
        Http.Answer again = agent.register(agent.registration(seat(), "0.0.1", "apt"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("revoked");
    }

    @Test
    void anOperatorRebindsAReinstalledMachineAndOnlyItGetsTheAgent() {
        HttpAgent old = victim();
        Http.Answer rebind = fleet.http.post("/api/v1/agents/" + old.agentId + "/rebind", fleet.operatorToken, Map.of());
        assertThat(rebind.status()).as(rebind.raw()).isEqualTo(200);
        assertThat(rebind.body().get("machineId").asText()).isEqualTo(old.machineId);
        assertThat(old.checkIn("{}").status()).as("the old credentials stop at once").isEqualTo(403);

        HttpAgent reinstalled = new HttpAgent(fleet.http, old.machineId, HttpAgent.newKey());
        Http.Answer reg = reinstalled.register(reinstalled.registration(seat(), "0.0.1", "apt"));
        assertThat(reg.status()).as(reg.raw()).isEqualTo(200);
        assertThat(reinstalled.agentId).isEqualTo(old.agentId);
        assertThat(reinstalled.checkIn("{}").status()).isEqualTo(200);
        JsonNode agent = fleet.http.get("/api/v1/agents/" + old.agentId, fleet.operatorToken).body();
        assertThat(agent.get("status").asText()).isEqualTo("active");
        assertThat(agent.get("keyThumbprint").asText()).isEqualTo(reinstalled.key.thumbprint());

        // the old machine's access token has not expired, but the agent's key is no longer its key
        assertThat(old.checkIn("{}").status()).isEqualTo(403);
        Http.Answer dry = fleet.http.post("/api/v1/agents/" + old.agentId + "/dry-runs", fleet.operatorToken,
                Map.of("ecosystem", "apt", "packages", java.util.List.of("openssl")));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(202);
        String command = dry.body().get("commandId").asText();
        Http.Answer stale = old.result("{\"commandId\":\"" + command + "\",\"status\":\"completed\"}");
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body().get("detail").asText()).contains("no longer has");

        HttpAgent late = new HttpAgent(fleet.http, old.machineId, HttpAgent.newKey());
        assertThat(late.register(late.registration(seat(), "0.0.1", "apt")).status()).as("a rebind is used once").isEqualTo(409);
        Http.Answer viewer = fleet.http.post("/api/v1/agents/" + old.agentId + "/rebind", "rfo_not-a-token", Map.of());
        assertThat(viewer.status()).isEqualTo(401);
    }

    @Test
    void resultsAreStoredWithTheAgentsProofOverTheExactBytes() throws Exception {
        // the real agent of the fleet has reported scans by now; each stored result verifies against its key
        Fleet.await(java.time.Duration.ofSeconds(60), () -> {
            try {
                return securityRows("SELECT count(*) FROM command_results WHERE agent_id = '" + fleet.agentId
                        + "' AND proof IS NOT NULL AND signed_body IS NOT NULL") > 0 ? true : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "a signed result from the agent");
        try (Connection c = fleet.sql();
                PreparedStatement ps = c.prepareStatement("SELECT r.proof, r.signed_body, a.public_key FROM command_results r "
                        + "JOIN agents a ON a.id = r.agent_id WHERE r.agent_id = ?::uuid AND r.proof IS NOT NULL")) {
            ps.setString(1, fleet.agentId);
            try (ResultSet rs = ps.executeQuery()) {
                io.redflag.binding.ProofVerifier verifier = new io.redflag.binding.internal.JwsProofVerifier();
                int checked = 0;
                while (rs.next()) {
                    byte[] body = rs.getBytes(2);
                    assertThat(verifier.verifyStored(rs.getString(1), rs.getString(3), body).thumbprint).isNotBlank();
                    byte[] forged = new String(body, StandardCharsets.UTF_8).replace("\"completed\"", "\"failed\"")
                            .getBytes(StandardCharsets.UTF_8);
                    if (!java.util.Arrays.equals(forged, body)) {
                        org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> verifier.verifyStored(rs.getString(1), rs.getString(3), forged))
                                .hasMessageContaining("stored body");
                    }
                    checked++;
                }
                assertThat(checked).isPositive();
            }
        }
    }

    @Test
    void operatorRolesHoldAndARevokedOperatorTokenIsRefusedAtOnce() {
        Http.Answer made = fleet.http.post("/api/v1/operator-tokens", fleet.operatorToken, Map.of("name", "eve", "role", "operator"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String operator = made.body().get("token").asText();
        String viewer = fleet.http.post("/api/v1/operator-tokens", fleet.operatorToken, Map.of("name", "vic")).body()
                .get("token").asText();

        // no escalation: neither an operator nor a viewer mints tokens; a viewer only reads
        Http.Answer escalate = fleet.http.post("/api/v1/operator-tokens", operator, Map.of("name", "eve2", "role", "admin"));
        assertThat(escalate.status()).isEqualTo(403);
        assertThat(escalate.body().get("detail").asText()).contains("admin role");
        assertThat(fleet.http.get("/api/v1/operator-tokens", viewer).status()).isEqualTo(403);
        assertThat(fleet.http.get("/api/v1/agents", viewer).status()).isEqualTo(200);
        assertThat(fleet.http.post("/api/v1/registration-tokens", viewer, Map.of("seats", 1)).status()).isEqualTo(403);
        assertThat(fleet.http.post("/api/v1/registration-tokens", operator, Map.of("seats", 1)).status()).isEqualTo(201);

        // the list never shows secrets
        Http.Answer list = fleet.http.get("/api/v1/operator-tokens", fleet.operatorToken);
        assertThat(list.raw()).doesNotContain(operator).doesNotContain("rfo_");
        assertThat(list.body().findValuesAsText("name")).contains("eve", "vic");

        Http.Answer revoke = fleet.http.send("DELETE", "/api/v1/operator-tokens/" + made.body().get("id").asText(),
                fleet.operatorToken);
        assertThat(revoke.status()).as(revoke.raw()).isEqualTo(200);
        assertThat(fleet.http.get("/api/v1/agents", operator).status()).isEqualTo(401);
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheApisJsonNotHtml() {
        Http.Answer none = fleet.http.get("/api/v1/no-such-thing", null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().get("error").asText()).isEqualTo("no_route");
        assertThat(none.body().get("detail").asText()).contains("/api/v1/no-such-thing");
        Http.Answer method = fleet.http.send("DELETE", "/api/v1/health", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.body().get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(fleet.http.send("PATCH", "/nowhere", null).body().get("error").asText()).isEqualTo("no_route");

        // what Jetty refuses before any route sees it: malformed percent-encoding, headers over the limit
        String badUri = raw("GET /api/v1/agents/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                .contains("{\"error\":\"bad_request\"").doesNotContain("<html");
        String bigHeader = raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader).startsWith("HTTP/1.1 431").contains("{\"error\":\"request_header_fields_too_large\"")
                .doesNotContain("<html");
    }

    /** A request written as bytes: what a well-behaved client library would refuse to send. */
    private static String raw(String request) {
        java.net.URI endpoint = java.net.URI.create(fleet.server.endpoint());
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long securityEvents(String action, String about) throws Exception {
        return securityRows("SELECT count(*) FROM audit_log WHERE security AND action = '" + action + "' AND (actor = 'agent:"
                + about + "' OR detail LIKE '%" + about + "%')");
    }

    private static long securityRows(String sql) throws Exception {
        try (Connection c = fleet.sql(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
