// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.ServerRuntime;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The usual check-in — nothing new, nothing waiting — is answered by the check-in lane before the JAX-RS runtime;
 * every other one by its route, exactly as before: what waits is handed out, and every refusal is the route's, with
 * its words. On a node of its own, so that its counters are this test's alone.
 */
class CheckInLaneIT {

    private static final String BODY = "{\"agentVersion\":\"0.0.1\",\"scanners\":[\"apt\"]}";

    @Test
    void theUsualCheckInTakesTheFastLaneAndEveryOtherTheRouteWithItsRefusals() throws Exception {
        Fleet fleet = Fleet.get();
        try (ServerRuntime node = fleet.secondNode(Files.createTempDirectory("redflag-lane"), Map.of())) {
            Http http = new Http(node.endpoint());
            String seat = http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 2)).body()
                    .get("token").asText();
            HttpAgent a = HttpAgent.create(http).registered(seat, "apt");
            HttpAgent b = HttpAgent.create(http).registered(seat, "apt");

            Http.Answer first = a.checkIn(BODY);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().get("commands")).as("its first scan is due: the route hands it out").hasSize(1);
            assertThat(lane(http, "route")).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                Http.Answer quiet = a.checkIn(BODY);
                assertThat(quiet.status()).isEqualTo(200);
                assertThat(quiet.headers().get("content-type")).startsWith("application/json");
                assertThat(quiet.body().get("commands")).isEmpty();
                assertThat(quiet.body().get("pollIntervalSeconds").asInt()).isPositive();
                assertThat(quiet.body().get("serverTime").asText()).endsWith("Z");
            }
            assertThat(lane(http, "fast")).isEqualTo(5);
            assertThat(lane(http, "route")).isEqualTo(1);

            // refusals are the route's, in its words
            Http.Answer otherMachine = http.postRaw("/api/v1/agents/" + a.agentId + "/check-in", a.accessToken, BODY,
                    Map.of("X-RedFlag-Machine-Id", "another-machine"));
            assertThat(otherMachine.status()).isEqualTo(403);
            assertThat(otherMachine.body().get("detail").asText()).contains("from another machine");
            Http.Answer otherAgent = http.postRaw("/api/v1/agents/" + a.agentId + "/check-in", b.accessToken, BODY, b.machine());
            assertThat(otherAgent.status()).isEqualTo(403);
            assertThat(otherAgent.body().get("detail").asText()).isEqualTo("this access token belongs to another agent");
            Http.Answer noToken = http.postRaw("/api/v1/agents/" + a.agentId + "/check-in", null, BODY, a.machine());
            assertThat(noToken.status()).isEqualTo(401);
            Http.Answer nul = a.checkIn("{\"agentVersion\":\"0.0.1\\u0000\",\"scanners\":[\"apt\"]}");
            assertThat(nul.status()).isEqualTo(400);
            assertThat(nul.body().get("detail").asText()).contains("agentVersion");
            Http.Answer broken = a.checkIn("{\"agentVersion\":");
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.body().get("error").asText()).isEqualTo("bad_request");
            Http.Answer older = a.checkIn("{\"agentVersion\":\"0.0.0\",\"scanners\":[\"apt\"]}");
            assertThat(older.status()).as("a downgrade is the route's to refuse and audit").isEqualTo(409);

            // what waits is handed out (once the first scan is answered: one scan at a time)
            String scan = first.body().get("commands").get(0).get("id").asText();
            assertThat(a.result("{\"commandId\":\"" + scan + "\",\"status\":\"completed\",\"scan\":{\"status\":\"OK\","
                    + "\"updates\":[]}}").status()).isEqualTo(200);
            assertThat(a.checkIn(BODY).body().get("commands")).isEmpty();
            assertThat(lane(http, "fast")).isEqualTo(6);
            assertThat(http.post("/api/v1/agents/" + a.agentId + "/subsystems/apt/scan", fleet.operatorToken, Map.of())
                    .status()).isEqualTo(200);
            Http.Answer due = a.checkIn(BODY);
            assertThat(due.body().get("commands")).singleElement()
                    .satisfies(c -> assertThat(c.get("type").asText()).isEqualTo("scan"));
            assertThat(lane(http, "fast")).isEqualTo(6);
            assertThat(lane(http, "route")).isEqualTo(2);
            assertThat(a.checkIn(BODY).body().get("commands")).isEmpty();
            assertThat(lane(http, "fast")).isEqualTo(7);
            String metrics = http.get("/metrics", fleet.operatorToken).raw();
            assertThat(metrics).as("both lanes time check-ins under one route")
                    .contains("redflag_http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/agents/{id}/check-in\","
                            + "status=\"200\",} 9.0");
        }
    }

    private static double lane(Http http, String lane) throws Exception {
        String text = http.get("/metrics", Fleet.get().operatorToken).raw();
        Matcher m = Pattern.compile("redflag_checkins_total\\{lane=\"" + lane + "\",\\} (\\S+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
