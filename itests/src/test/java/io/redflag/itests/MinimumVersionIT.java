// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.ServerRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server node with a minimum agent version: an older agent is told to update (426, naming what to do) and gets no
 * work, a current one is served as usual, and {@code /info} says the minimum.
 */
class MinimumVersionIT {

    @Test
    void anAgentBelowTheMinimumIsToldToUpdateAndACurrentOneIsServed() throws Exception {
        Fleet fleet = Fleet.get();
        ServerRuntime node = fleet.secondNode(java.nio.file.Files.createTempDirectory("redflag-minimum"),
                Map.of("redflag.agents.min.version", "0.5.0"));
        try (node) {
            Http http = new Http(node.endpoint());
            assertThat(http.get("/api/v1/info", null).body().get("minimumAgentVersion").asText()).isEqualTo("0.5.0");
            String seat = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 2)).body()
                    .get("token").asText();
            HttpAgent old = HttpAgent.create(http);
            assertThat(old.register(old.registration(seat, "0.4.9", "apt")).status()).isEqualTo(200);
            Http.Answer refused = old.checkIn("{\"agentVersion\":\"0.4.9\",\"scanners\":[\"apt\"],\"platform\":\"linux-amd64\"}");
            assertThat(refused.status()).isEqualTo(426);
            assertThat(refused.body().get("error").asText()).isEqualTo("upgrade_required");
            assertThat(refused.body().get("detail").asText()).contains("below this server's minimum 0.5.0")
                    .contains("POST /api/v1/agents/core-updates");
            HttpAgent current = HttpAgent.create(http);
            assertThat(current.register(current.registration(seat, "0.5.0", "apt")).status()).isEqualTo(200);
            assertThat(current.checkIn("{\"agentVersion\":\"0.5.0\",\"scanners\":[\"apt\"]}").status()).isEqualTo(200);
        }
    }
}
