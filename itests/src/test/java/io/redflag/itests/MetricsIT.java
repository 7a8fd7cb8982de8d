// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GET /metrics: the server's figures in Prometheus' text format, for operators only, labelled by route, never by id. */
class MetricsIT {

    private static final Pattern CHECK_INS = Pattern.compile("redflag_http_server_requests_seconds_count\\{method=\"POST\","
            + "route=\"/api/v1/agents/\\{id}/check-in\",status=\"200\",} ([0-9.E]+)");

    @Test
    void operatorsReadRequestsPerRouteTheFleetThePoolAndTheJvm() throws Exception {
        Fleet fleet = Fleet.get();
        assertThat(fleet.http.get("/metrics", null).status()).isEqualTo(401);
        String text = Fleet.await(Duration.ofSeconds(90), () -> {
            Http.Answer a = fleet.http.get("/metrics", fleet.operatorToken);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.headers().get("content-type")).contains("text/plain").contains("version=0.0.4");
            // the fleet's figures are read every 10 s: wait for a read that saw the agent
            return a.raw().contains("redflag_agents{state=\"online\",} 1.0") ? a.raw() : null;
        }, "the metrics to count the fleet's agent online");
        Matcher m = CHECK_INS.matcher(text);
        assertThat(m.find()).as("check-ins counted under their route template").isTrue();
        assertThat(Double.parseDouble(m.group(1))).isPositive();
        assertThat(text).contains("redflag_commands_open{status=\"pending\",}").contains("redflag_db_pool_connections{state=\"active\",}")
                .contains("jvm_memory_used_bytes").contains("# TYPE redflag_http_server_requests_seconds histogram")
                .contains("redflag_http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/agents/{id}/check-in\",status=\"200\",le=\"0.05\",}");
        assertThat(text).as("an agent id is never a label").doesNotContain(fleet.agentId);
    }

    @Test
    void aNodeCanServeItsMetricsOnAPortOfItsOwnWithoutAToken() throws Exception {
        Fleet fleet = Fleet.get();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (io.redflag.launcher.ServerRuntime node = fleet.secondNode(java.nio.file.Files.createTempDirectory("redflag-metrics"),
                java.util.Map.of("redflag.metrics.port", Integer.toString(port)))) {
            Http metrics = new Http("http://127.0.0.1:" + port);
            Http.Answer a = metrics.get("/metrics", null);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.headers().get("content-type")).contains("version=0.0.4");
            assertThat(a.raw()).contains("redflag_agents{state=").contains("jvm_memory_used_bytes");
            assertThat(metrics.get("/api/v1/agents", fleet.operatorToken).status()).as("only metrics on that port").isEqualTo(404);
            assertThat(new Http(node.endpoint()).get("/metrics", null).status()).as("the API's port still wants a token")
                    .isEqualTo(401);
        }
    }
}
