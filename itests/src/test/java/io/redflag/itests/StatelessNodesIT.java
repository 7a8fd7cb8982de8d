// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.launcher.ServerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A second server node on the first node's PostgreSQL (an external database, given by JDBC URL):
 * it knows the same agents, accepts the tokens the first node issued and serves the same inventory.
 */
class StatelessNodesIT {

    @Test
    void aSecondNodeOverTheSameDatabaseServesTheSameFleet() throws Exception {
        Fleet fleet = Fleet.get();
        Path node2 = Files.createTempDirectory("redflag-node2");
        // nodes share the signing key (the agent pinned it); today that means the same key file
        try (ServerRuntime second = fleet.secondNode(node2, Map.of())) {
            assertThat(second.embeddedJdbcUrl()).as("no database of its own").isNull();
            assertThat(Files.exists(node2.resolve("postgres"))).isFalse();
            assertThat(Files.exists(node2.resolve("initial-operator-token"))).as("bootstrap happens once per fleet").isFalse();
            Http http2 = new Http(second.endpoint());

            assertThat(http2.get("/api/v1/public-key", null).body().get("keyId").asText())
                    .isEqualTo(fleet.http.get("/api/v1/public-key", null).body().get("keyId").asText());
            JsonNode agents = http2.get("/api/v1/agents", fleet.operatorToken).body();
            assertThat(agents.findValuesAsText("id")).contains(fleet.agentId);

            // the agent's access token, issued by node 1, works on node 2
            JsonNode state = Http.JSON.readTree(fleet.dataDir.resolve("agent/state.json").toFile());
            Http.Answer checkIn = http2.postRaw("/api/v1/agents/" + fleet.agentId + "/check-in",
                    state.get("accessToken").asText(), "{}", Map.of("X-RedFlag-Machine-Id", state.get("machineId").asText()));
            // (the agent renews it only after 15 minutes, long after this test has run)
            assertThat(checkIn.status()).as(checkIn.raw()).isEqualTo(200);
            assertThat(checkIn.body().get("pollIntervalSeconds").asInt()).isPositive();
        }
    }
}
