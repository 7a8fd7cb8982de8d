// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.launcher.AgentRuntime;
import io.redflag.launcher.BundleSource;
import io.redflag.launcher.FelixRuntime;
import io.redflag.launcher.ServerRuntime;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server goes away with a command queued for the agent and comes back on the same data: the
 * agent rides out the outage with backoff, keeps its identity, and the command is not lost.
 */
class ServerOutageIT {

    private static final BundleSource SERVER = BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles")));

    /** The server's and the agent's data (~150 MB), removed after the test. */
    @TempDir
    Path dir;

    @Test
    void anOutageLosesNothingAndTheAgentResumesOnItsOwn() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServerRuntime server = ServerRuntime.start(dir.resolve("server"), "127.0.0.1", port, null, SERVER);
        Http http = new Http(server.endpoint());
        String operator = Files.readString(dir.resolve("server/initial-operator-token")).trim();
        String token = http.post("/api/v1/registration-tokens", operator, Map.of("seats", 1)).body().get("token").asText();
        FelixRuntime agent = AgentRuntime.start(dir.resolve("agent"), server.endpoint(), token, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.agent.bundles"))));
        try {
            String agentId = Fleet.await(Duration.ofSeconds(30), () -> {
                JsonNode agents = http.get("/api/v1/agents", operator).body();
                return agents.size() == 1 ? agents.get(0).get("id").asText() : null;
            }, "registration");
            String firstCheckIn = lastSeen(http, operator, agentId);
            // a check-in just happened; the next is a poll interval away: queue a command and go down at once
            String commandId = http.post("/api/v1/agents/" + agentId + "/dry-runs", operator,
                    Map.of("ecosystem", "apt", "packages", List.of("bash"))).body().get("commandId").asText();
            Instant down = Instant.now();
            server.close();

            Thread.sleep(20_000); // at least one failed poll happens while the server is away
            server = ServerRuntime.start(dir.resolve("server"), "127.0.0.1", port, null, SERVER);
            Http back = new Http(server.endpoint());

            JsonNode done = Fleet.await(Duration.ofSeconds(120), () -> {
                JsonNode c = back.get("/api/v1/commands/" + commandId, operator).body();
                return c.get("status").asText().equals("completed") ? c : null;
            }, "the queued dry run to complete after the outage");
            assertThat(Instant.parse(done.get("completedAt").asText())).isAfter(down);
            assertThat(done.get("result").get("plan").get("hash").asText()).matches("[0-9a-f]{64}");
            assertThat(lastSeen(back, operator, agentId)).isNotEqualTo(firstCheckIn);
            // same identity: no second agent was registered (the registration token had one seat anyway)
            assertThat(back.get("/api/v1/agents", operator).body().size()).isEqualTo(1);
        } finally {
            agent.close();
            server.close();
        }
    }

    private static String lastSeen(Http http, String operator, String agentId) {
        return http.get("/api/v1/agents/" + agentId, operator).body().get("lastSeenAt").asText();
    }
}
