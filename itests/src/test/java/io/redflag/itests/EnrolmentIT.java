// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity protocol over HTTP: seats, rotating refresh tokens, machine binding, bad input. */
class EnrolmentIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    private static String registrationToken(int seats) {
        Http.Answer a = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", seats));
        assertThat(a.status()).isEqualTo(201);
        return a.body().get("token").asText();
    }

    private static Map<String, Object> registration(String token, String machine) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("registrationToken", token);
        r.put("machineId", machine);
        r.put("hostname", "it-" + machine.substring(0, 8));
        r.put("osFamily", "linux");
        r.put("agentVersion", "0.0.1");
        r.put("scanners", List.of("apt"));
        return r;
    }

    @Test
    void aTokenWithOneSeatRegistersOneMachine() {
        String token = registrationToken(1);
        Http.Answer first = fleet.http.post("/api/v1/agents/register", null, registration(token, UUID.randomUUID().toString()));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().get("agentId").asText()).hasSize(36);
        Http.Answer second = fleet.http.post("/api/v1/agents/register", null, registration(token, UUID.randomUUID().toString()));
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.body().get("detail").asText()).contains("no seats left");
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheSession() {
        String machine = UUID.randomUUID().toString();
        Http.Answer reg = fleet.http.post("/api/v1/agents/register", null, registration(registrationToken(1), machine));
        String refresh1 = reg.body().get("refreshToken").asText();
        Map<String, String> bound = Map.of("X-RedFlag-Machine-Id", machine);

        Http.Answer rotated = fleet.http.postRaw("/api/v1/agents/token", null, "{\"refreshToken\":\"" + refresh1 + "\"}", bound);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
        String refresh2 = rotated.body().get("refreshToken").asText();
        assertThat(refresh2).isNotEqualTo(refresh1);

        Http.Answer reuse = fleet.http.postRaw("/api/v1/agents/token", null, "{\"refreshToken\":\"" + refresh1 + "\"}", bound);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.body().get("detail").asText()).contains("already used");
        // the whole family is dead now, including the token that was handed out in good faith
        Http.Answer after = fleet.http.postRaw("/api/v1/agents/token", null, "{\"refreshToken\":\"" + refresh2 + "\"}", bound);
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void anAccessTokenOnlyWorksForItsAgentOnItsMachine() {
        String machine = UUID.randomUUID().toString();
        Http.Answer reg = fleet.http.post("/api/v1/agents/register", null, registration(registrationToken(1), machine));
        String id = reg.body().get("agentId").asText();
        String access = reg.body().get("accessToken").asText();

        Http.Answer ok = fleet.http.postRaw("/api/v1/agents/" + id + "/check-in", access, "{}", Map.of("X-RedFlag-Machine-Id", machine));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.body().get("pollIntervalSeconds").asInt()).isPositive();

        Http.Answer otherMachine = fleet.http.postRaw("/api/v1/agents/" + id + "/check-in", access, "{}",
                Map.of("X-RedFlag-Machine-Id", "somewhere-else"));
        assertThat(otherMachine.status()).isEqualTo(403);
        Http.Answer otherAgent = fleet.http.postRaw("/api/v1/agents/" + fleet.agentId + "/check-in", access, "{}",
                Map.of("X-RedFlag-Machine-Id", machine));
        assertThat(otherAgent.status()).isEqualTo(403);
        Http.Answer forged = fleet.http.postRaw("/api/v1/agents/" + id + "/check-in", access + "x", "{}",
                Map.of("X-RedFlag-Machine-Id", machine));
        assertThat(forged.status()).isEqualTo(401);
        // an agent token is no operator token
        assertThat(fleet.http.get("/api/v1/agents", access).status()).isEqualTo(401);
    }

    @Test
    void badInputIsA4xxThatSaysWhatWasWrong() {
        Http.Answer malformed = fleet.http.postRaw("/api/v1/agents/register", null, "{\"registrationToken\":", Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error").asText()).isEqualTo("bad_request");

        Map<String, Object> missing = registration(registrationToken(1), UUID.randomUUID().toString());
        missing.remove("hostname");
        Http.Answer noHost = fleet.http.post("/api/v1/agents/register", null, missing);
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.body().get("detail").asText()).contains("hostname");

        Http.Answer badEco = fleet.http.get("/api/v1/agents/" + fleet.agentId + "/updates?ecosystem=APT;drop", fleet.operatorToken);
        assertThat(badEco.status()).isEqualTo(400);
        Http.Answer unknownAgent = fleet.http.get("/api/v1/agents/" + UUID.randomUUID() + "/updates", fleet.operatorToken);
        assertThat(unknownAgent.status()).isEqualTo(404);

        String huge = "{\"registrationToken\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        Http.Answer tooBig = fleet.http.postRaw("/api/v1/agents/register", null, huge, Map.of());
        assertThat(tooBig.status()).isEqualTo(413);

        Http.Answer seats = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 0));
        assertThat(seats.status()).isEqualTo(400);
        assertThat(seats.body().get("detail").asText()).contains("seats");
    }

    @Test
    void operatorsCanSwitchASubsystemOffAndOn() {
        // an agent of its own, so that re-enabling does not schedule scans on the shared one
        String machine = UUID.randomUUID().toString();
        Http.Answer reg = fleet.http.post("/api/v1/agents/register", null, registration(registrationToken(1), machine));
        String id = reg.body().get("agentId").asText();
        Http.Answer off = fleet.http.put("/api/v1/agents/" + id + "/subsystems/docker", fleet.operatorToken,
                Map.of("enabled", false));
        assertThat(off.status()).as(off.raw()).isEqualTo(200);
        assertThat(off.body().get("enabled").asBoolean()).isFalse();
        Http.Answer on = fleet.http.put("/api/v1/agents/" + id + "/subsystems/docker", fleet.operatorToken,
                Map.of("enabled", true, "intervalSeconds", 3600));
        assertThat(on.body().get("enabled").asBoolean()).isTrue();
        assertThat(on.body().get("intervalSeconds").asInt()).isEqualTo(3600);
        Http.Answer tooOften = fleet.http.put("/api/v1/agents/" + id + "/subsystems/docker", fleet.operatorToken,
                Map.of("intervalSeconds", 5));
        assertThat(tooOften.status()).isEqualTo(400);
        assertThat(fleet.http.put("/api/v1/agents/" + id + "/subsystems/nope", fleet.operatorToken,
                Map.of("enabled", true)).status()).isEqualTo(404);

        // enabled for an agent that has no docker scanner: one check-in marks it unavailable, no command is sent
        Http.Answer checkIn = fleet.http.postRaw("/api/v1/agents/" + id + "/check-in", reg.body().get("accessToken").asText(),
                "{\"scanners\":[\"apt\"]}", Map.of("X-RedFlag-Machine-Id", machine));
        assertThat(checkIn.status()).isEqualTo(200);
        assertThat(checkIn.body().get("commands").findValuesAsText("params")).anyMatch(p -> p.contains("\"apt\""))
                .noneMatch(p -> p.contains("docker"));
        JsonNode docker = null;
        for (JsonNode sub : fleet.http.get("/api/v1/agents/" + id + "/subsystems", fleet.operatorToken).body()) {
            docker = sub.get("ecosystem").asText().equals("docker") ? sub : docker;
        }
        assertThat(docker.get("lastStatus").asText()).isEqualTo("unavailable");
    }
}
