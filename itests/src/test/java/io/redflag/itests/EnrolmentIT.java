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
        return new HttpAgent(fleet.http, machine, null).registration(token, "0.0.1", "apt");
    }

    @Test
    void aTokenWithOneSeatRegistersOneMachine() {
        String token = registrationToken(1);
        HttpAgent one = HttpAgent.create(fleet.http);
        Http.Answer first = one.register(one.registration(token, "0.0.1", "apt"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().get("agentId").asText()).hasSize(36);
        HttpAgent two = HttpAgent.create(fleet.http);
        Http.Answer second = two.register(two.registration(token, "0.0.1", "apt"));
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.body().get("detail").asText()).contains("no seats left");
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheSession() {
        HttpAgent agent = HttpAgent.create(fleet.http).registered(registrationToken(1));
        String refresh1 = agent.refreshToken;

        Http.Answer rotated = agent.refresh();
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
        String refresh2 = agent.refreshToken;
        assertThat(refresh2).isNotEqualTo(refresh1);

        agent.refreshToken = refresh1;
        Http.Answer reuse = agent.refresh();
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.body().get("detail").asText()).contains("already used");
        // the whole family is dead now, including the token that was handed out in good faith
        agent.refreshToken = refresh2;
        Http.Answer after = agent.refresh();
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void anAccessTokenOnlyWorksForItsAgentOnItsMachine() {
        HttpAgent agent = HttpAgent.create(fleet.http).registered(registrationToken(1));
        String machine = agent.machineId;
        String id = agent.agentId;
        String access = agent.accessToken;

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
        HttpAgent agent = HttpAgent.create(fleet.http);
        Http.Answer malformed = agent.signed("/api/v1/agents/register", null, "{\"registrationToken\":", agent.key, Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error").asText()).isEqualTo("bad_request");

        Map<String, Object> missing = registration(registrationToken(1), UUID.randomUUID().toString());
        missing.remove("hostname");
        Http.Answer noHost = agent.register(missing);
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
        HttpAgent agent = HttpAgent.create(fleet.http).registered(registrationToken(1));
        String id = agent.agentId;
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
        Http.Answer checkIn = agent.checkIn("{\"scanners\":[\"apt\"]}");
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
