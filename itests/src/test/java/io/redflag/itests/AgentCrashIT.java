// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.launcher.BundleSource;
import io.redflag.launcher.ServerRuntime;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent killed (SIGKILL) in the middle of a swap: the real agent jar as its own process, a plug-in version whose
 * activation hangs the first time, the process killed while it hangs; started again, the agent puts the interrupted
 * swap back, brings the desired version in, and runs a consistent, verified set.
 */
class AgentCrashIT {

    private static final String JAR = "application/java-archive";

    @TempDir
    Path dir;

    @Test
    void anAgentKilledMidSwapRunsAConsistentVerifiedSetAfterItsRestart() throws Exception {
        ServerRuntime server = ServerRuntime.start(dir.resolve("server"), "127.0.0.1", 0, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles"))));
        Process agent = null;
        try {
            Http http = new Http(server.endpoint());
            String operator = Files.readString(dir.resolve("server/initial-operator-token")).trim();
            String seat = http.post("/api/v1/registration-tokens", operator, Map.of("seats", 1)).body().get("token").asText();
            agent = agent(server.endpoint(), seat, "first");
            String agentId = Rollouts.onlyAgent(http, operator);
            Rollouts.publishAndEnable(http, operator, agentId, TestPlugins.build("1.0.0", TestPlugins.Kind.WORKS));
            Rollouts.awaitBundle(http, operator, agentId, "1.0.0", null);

            Path marker = dir.resolve("swap-started");
            byte[] v2 = TestPlugins.build("2.0.0", TestPlugins.Kind.HANGS_ONCE, marker);
            assertThat(http.postBytes("/api/v1/artifacts", operator, v2, JAR).status()).isEqualTo(201);
            Fleet.await(Duration.ofSeconds(60), () -> Files.exists(marker) ? "" : null, "the agent to start swapping in 2.0.0");
            agent.destroyForcibly(); // SIGKILL: no shutdown hook, no framework stop
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();

            agent = agent(server.endpoint(), null, "second");
            JsonNode running = Rollouts.awaitBundle(http, operator, agentId, "2.0.0", ArtifactsIT.sha256(v2));
            assertThat(running.get("state").asText()).isEqualTo("active");
            try (var files = Files.walk(dir.resolve("agent/felix-cache"))) {
                assertThat(files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("swap-journal"))
                        .toList()).as("no swap left open").isEmpty();
            }
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor(30, TimeUnit.SECONDS);
            }
            server.close();
        }
    }

    private Process agent(String endpoint, String seat, String run) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("redflag.agent.jar"), "run", "--server", endpoint, "--data-dir",
                dir.resolve("agent").toString()));
        if (seat != null) {
            cmd.addAll(List.of("--token", seat));
        }
        File log = dir.resolve("agent-" + run + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).redirectInput(new File("/dev/null")).start();
    }

}
