// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The views a console over a large fleet needs, over HTTP: agents filtered, sorted and paged by the server with the
 * total in {@code X-Total-Count}; check-ins over time; a plug-in's versions on the fleet; bad parameters named.
 */
class FleetViewsIT {

    @Test
    void agentsArePagedSortedAndSearchedByTheServer() throws Exception {
        Fleet fleet = Fleet.get();
        Http.Answer seats = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 3));
        List<HttpAgent> agents = new ArrayList<>();
        for (String name : List.of("pager-b", "pager-c", "Pager-A")) {
            HttpAgent a = HttpAgent.create(fleet.http);
            Map<String, Object> registration = a.registration(seats.body().get("token").asText(), "0.0.1", "apt");
            registration.put("hostname", name);
            assertThat(a.register(registration).status()).isEqualTo(200);
            agents.add(a);
        }
        try {
            Http.Answer first = fleet.http.get("/api/v1/agents?q=PAGER-&sort=hostname&limit=2", fleet.operatorToken);
            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(first.body().findValuesAsText("hostname")).containsExactly("Pager-A", "pager-b");
            assertThat(first.headers().get("x-total-count")).isEqualTo("3");
            Http.Answer next = fleet.http.get("/api/v1/agents?q=pager-&sort=hostname&limit=2&offset=2", fleet.operatorToken);
            assertThat(next.body().findValuesAsText("hostname")).containsExactly("pager-c");
            Http.Answer past = fleet.http.get("/api/v1/agents?q=pager-&limit=2&offset=10", fleet.operatorToken);
            assertThat(past.body()).isEmpty();
            assertThat(past.headers().get("x-total-count")).as("the total even past the end").isEqualTo("3");
            assertThat(fleet.http.get("/api/v1/agents?q=pager-&sort=-hostname", fleet.operatorToken).body()
                    .findValuesAsText("hostname")).containsExactly("pager-c", "pager-b", "Pager-A");
            String id = agents.get(0).agentId;
            assertThat(fleet.http.get("/api/v1/agents?q=" + id.substring(0, 8), fleet.operatorToken).body()
                    .findValuesAsText("id")).containsExactly(id);
            // LIKE's wildcards are the characters themselves
            Http.Answer wild = fleet.http.get("/api/v1/agents?q=%25", fleet.operatorToken);
            assertThat(wild.body()).isEmpty();
            assertThat(wild.headers().get("x-total-count")).isEqualTo("0");
            assertThat(fleet.http.get("/api/v1/agents?q=pager_", fleet.operatorToken).body()).isEmpty();
            // without a limit the list is whole, as before pages
            assertThat(fleet.http.get("/api/v1/agents", fleet.operatorToken).body().size()).isGreaterThanOrEqualTo(4);
        } finally {
            for (HttpAgent a : agents) {
                fleet.http.send("POST", "/api/v1/agents/" + a.agentId + "/revoke", fleet.operatorToken);
            }
        }
    }

    @Test
    void badParametersAreNamed() throws Exception {
        Fleet fleet = Fleet.get();
        Map<String, String> refusals = Map.of(
                "/api/v1/agents?sort=age", "sort",
                "/api/v1/agents?limit=0", "limit",
                "/api/v1/agents?limit=1001", "limit",
                "/api/v1/agents?offset=-1", "offset",
                "/api/v1/agents?offset=x", "offset",
                "/api/v1/agents?q=%01", "q",
                "/api/v1/fleet/check-ins?hours=0", "hours",
                "/api/v1/fleet/check-ins?hours=337", "hours");
        refusals.forEach((path, field) -> {
            Http.Answer a = fleet.http.get(path, fleet.operatorToken);
            assertThat(a.status()).as(path + ": " + a.raw()).isEqualTo(400);
            assertThat(a.body().get("detail").asText()).as(path).startsWith(field + " ");
        });
    }

    @Test
    void checkInsOverTimeAndAPluginsVersionsOnTheFleet() throws Exception {
        Fleet fleet = Fleet.get();
        JsonNode day = Fleet.await(java.time.Duration.ofSeconds(30), () -> {
            JsonNode a = fleet.http.get("/api/v1/fleet/check-ins", fleet.operatorToken).body();
            long sum = 0;
            for (JsonNode n : a.get("checkIns")) {
                sum += n.asLong();
            }
            return sum > 0 ? a : null;
        }, "this machine's agent's check-ins to be counted");
        assertThat(day.get("bucketSeconds").asInt()).isEqualTo(720);
        assertThat(day.get("checkIns").size()).isBetween(120, 121);
        assertThat(java.time.Instant.parse(day.get("from").asText()))
                .isBefore(java.time.Instant.now().minus(java.time.Duration.ofHours(23)));
        assertThat(fleet.http.get("/api/v1/fleet/check-ins?hours=1", fleet.operatorToken).body().get("checkIns").size())
                .isEqualTo(60);
        Http.Answer none = fleet.http.get("/api/v1/artifacts/com.example.nobody/agents", fleet.operatorToken);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
    }
}
