// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** The steps the rollout tests share, over an operator's HTTP: the one agent, the test plug-in enabled, a version running. */
final class Rollouts {

    private static final String JAR = "application/java-archive";

    private Rollouts() {}

    /** The id of the one agent of a server of a test's own, once it has registered. */
    static String onlyAgent(Http http, String operator) {
        return Fleet.await(Duration.ofSeconds(60), () -> {
            JsonNode agents = http.get("/api/v1/agents", operator).body();
            return agents != null && agents.size() == 1 ? agents.get(0).get("id").asText() : null;
        }, "the agent to register");
    }

    /** Publishes the test plug-in's first version, waits for the server's catalog to know snap, and enables it on the agent. */
    static void publishAndEnable(Http http, String operator, String agentId, byte[] plugin) {
        assertThat(http.postBytes("/api/v1/artifacts", operator, plugin, JAR).status()).isEqualTo(201);
        Fleet.await(Duration.ofSeconds(20), () -> http.get("/api/v1/subsystems/snap", operator).status() == 200 ? "" : null,
                "the catalog to know snap");
        assertThat(http.put("/api/v1/agents/" + agentId + "/subsystems/snap", operator, Map.of("enabled", true)).status())
                .isEqualTo(200);
    }

    /** The agent's entry for the test plug-in once it runs {@code version} (with those bytes, when {@code sha256} is given). */
    static JsonNode awaitBundle(Http http, String operator, String agentId, String version, String sha256) {
        return Fleet.await(Duration.ofSeconds(90), () -> {
            Http.Answer a = http.get("/api/v1/agents/" + agentId, operator);
            for (JsonNode b : a.status() == 200 ? a.body().path("bundles") : Http.JSON.createArrayNode()) {
                if (b.get("symbolicName").asText().equals(TestPlugins.NAME) && b.get("version").asText().equals(version)
                        && b.get("state").asText().equals("active")
                        && (sha256 == null || sha256.equals(b.path("sha256").asText()))) {
                    return b;
                }
            }
            return null;
        }, "the agent to run " + TestPlugins.NAME + " " + version);
    }
}
