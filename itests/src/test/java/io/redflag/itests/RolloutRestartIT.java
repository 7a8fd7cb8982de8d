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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout survives a server restart, and both runtimes keep what was swapped in across their restarts: a server, a
 * real agent and twenty agents speaking the protocol over HTTP, of their own; all run plug-in version 1, version 2 is
 * published and the server stops at once; when it is back (same data folder, same port) every agent brings version 2
 * in and the server records it; after the real agent restarts, version 2 is what its framework storage restores.
 */
class RolloutRestartIT {

    private static final String JAR = "application/java-archive";

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static ServerRuntime server(Path data, int port) throws Exception {
        return ServerRuntime.start(data, "127.0.0.1", port, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles"))));
    }

    @Test
    void aServerRestartDuringARolloutAndAnAgentRestartLoseNothing() throws Exception {
        int port = freePort();
        Path serverData = dir.resolve("server");
        ServerRuntime server = server(serverData, port);
        FelixRuntime agent = null;
        try {
            Http http = new Http(server.endpoint());
            String operator = Files.readString(serverData.resolve("initial-operator-token")).trim();
            String seat = http.post("/api/v1/registration-tokens", operator, Map.of("seats", 1)).body().get("token").asText();
            agent = startAgent(server.endpoint(), seat);
            String agentId = Rollouts.onlyAgent(http, operator);
            Rollouts.publishAndEnable(http, operator, agentId, TestPlugins.build("1.0.0", TestPlugins.Kind.WORKS));
            Rollouts.awaitBundle(http, operator, agentId, "1.0.0", null);
            // a fleet beside the real agent: agents speaking the protocol over HTTP, each applying what it is given
            String seats = http.post("/api/v1/registration-tokens", operator, Map.of("seats", FLEET)).body().get("token").asText();
            List<HttpAgent> fleet = new ArrayList<>();
            for (int i = 0; i < FLEET; i++) {
                HttpAgent a = HttpAgent.create(http);
                assertThat(a.register(a.registration(seats, "0.1.0", "snap")).status()).isEqualTo(200);
                fleet.add(a);
            }
            for (HttpAgent a : fleet) {
                assertThat(apply(a)).isEqualTo("1.0.0");
            }

            assertThat(http.postBytes("/api/v1/artifacts", operator, TestPlugins.build("2.0.0", TestPlugins.Kind.WORKS), JAR)
                    .status()).isEqualTo(201);
            server.close(); // mid-rollout: the agent has not heard of version 2 yet (or is fetching it)
            Thread.sleep(3000);
            server = server(serverData, port);
            Http back = new Http(server.endpoint());
            Rollouts.awaitBundle(back, operator, agentId, "2.0.0", null);
            for (HttpAgent a : fleet) {
                a.http = back;
                assertThat(apply(a)).as("agent " + a.agentId + " after the restart").isEqualTo("2.0.0");
                JsonNode seen = back.get("/api/v1/agents/" + a.agentId, operator).body();
                assertThat(seen.get("appliedDesiredState").asText())
                        .isEqualTo(back.get("/api/v1/agents/" + a.agentId + "/desired-bundles", operator).body().get("hash").asText());
            }

            agent.close();
            agent = startAgent(server.endpoint(), null);
            FelixRuntime restarted = agent;
            org.osgi.framework.Bundle snap = java.util.Arrays.stream(restarted.context().getBundles())
                    .filter(b -> TestPlugins.NAME.equals(b.getSymbolicName())).findFirst().orElseThrow();
            assertThat(snap.getVersion().toString()).as("restored from the framework storage").isEqualTo("2.0.0");
            assertThat(snap.getState()).isEqualTo(org.osgi.framework.Bundle.ACTIVE);
            Rollouts.awaitBundle(new Http(server.endpoint()), operator, agentId, "2.0.0", null);
        } finally {
            if (agent != null) {
                agent.close();
            }
            server.close();
        }
    }

    private static final int FLEET = 20;

    /**
     * One round of an agent's side of a rollout over HTTP: check in, fetch the desired state it is told of, download the
     * bundle by its hash-named target and check the hash, report it at the next check-in; the version it now runs.
     */
    private static String apply(HttpAgent a) throws Exception {
        Http.Answer in = a.checkIn("{\"agentVersion\":\"0.1.0\",\"scanners\":[\"snap\"]}");
        assertThat(in.status()).as(in.raw()).isEqualTo(200);
        String hash = in.body().get("desiredState").asText();
        Http.Bytes desired = a.http.getBytes("/api/v1/agents/" + a.agentId + "/desired-state", a.accessToken, a.machine());
        JsonNode state = Http.JSON.readTree(desired.body());
        assertThat(state.get("hash").asText()).isEqualTo(hash);
        JsonNode b = state.get("bundles").get(0);
        String path = "bundles/" + b.get("symbolicName").asText() + "/" + b.get("sha256").asText() + "." + b.get("version").asText()
                + ".jar";
        Http.Bytes jar = a.http.getBytes("/api/v1/agents/" + a.agentId + "/updates/targets/" + path, a.accessToken, a.machine());
        assertThat(jar.status()).isEqualTo(200);
        assertThat(ArtifactsIT.sha256(jar.body())).isEqualTo(b.get("sha256").asText());
        String report = Http.JSON.writeValueAsString(Map.of("agentVersion", "0.1.0", "scanners", List.of("snap"),
                "appliedDesiredState", hash, "bundles", List.of(Map.of("symbolicName", TestPlugins.NAME, "version",
                        b.get("version").asText(), "state", "active", "sha256", b.get("sha256").asText()))));
        assertThat(a.checkIn(report).status()).isEqualTo(200);
        return b.get("version").asText();
    }

    private FelixRuntime startAgent(String endpoint, String seat) throws Exception {
        return AgentRuntime.start(dir.resolve("agent"), endpoint, seat, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.agent.bundles"))));
    }

}
