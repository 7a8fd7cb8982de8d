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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent replaces its own core: the real agent jar as its own process, restarted by a supervisor the way systemd's
 * {@code Restart=always} would (after its "restart me" exit, after a kill). A good release is verified, staged, switched
 * to and kept once it checks in; a release that never checks in is rolled back by the bootstrap; a kill in the middle
 * of a switch rolls it back too; every outcome reaches the operator as the order's result and the agent's history.
 */
class CoreUpdateIT {

    private static final String JAR = "application/java-archive";

    @TempDir
    Path dir;

    @Test
    void anAgentUpdatesItsCoreRollsBackABadOneAndSurvivesAKillMidSwitch() throws Exception {
        System.setProperty("redflag.poll.interval.seconds", "2");
        ServerRuntime server;
        try {
            server = ServerRuntime.start(dir.resolve("server"), "127.0.0.1", 0, null,
                    BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles"))));
        } finally {
            System.clearProperty("redflag.poll.interval.seconds");
        }
        Supervisor agent = null;
        try {
            Http http = new Http(server.endpoint());
            String operator = Files.readString(dir.resolve("server/initial-operator-token")).trim();
            String seat = http.post("/api/v1/registration-tokens", operator, Map.of("seats", 1)).body().get("token").asText();
            agent = new Supervisor(server.endpoint(), seat);
            String agentId = Rollouts.onlyAgent(http, operator);
            String path = "/api/v1/agents/" + agentId;
            JsonNode first = Fleet.await(Duration.ofSeconds(30), () -> {
                JsonNode a = http.get(path, operator).body();
                return a.get("platform").isNull() ? null : a;
            }, "the agent to say its platform");
            String platform = first.get("platform").asText();
            String before = first.get("agentVersion").asText();

            // bad input: 51 agents in one order, a platform name that is none, a bundle sent as a core
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                many.add(UUID.randomUUID().toString());
            }
            Http.Answer tooMany = http.post("/api/v1/agents/core-updates", operator, Map.of("agentIds", many));
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.raw()).contains("at most 50 per call");
            assertThat(http.postBytes("/api/v1/cores/linux", operator, TestCores.release("0.1.1", TestCores.Kind.WORKS), JAR)
                    .status()).isEqualTo(400);
            assertThat(http.postBytes("/api/v1/cores/" + platform, operator, TestPlugins.build("1.0.0", TestPlugins.Kind.WORKS),
                    JAR).raw()).contains("not an agent core");
            Http.Answer none = http.post("/api/v1/agents/core-updates", operator, Map.of("agentIds", List.of(agentId)));
            assertThat(none.body().get(0).get("refused").asText()).contains("no core release for " + platform);

            // a good release: verified, staged, switched to, kept once it checks in
            Http.Answer published = http.postBytes("/api/v1/cores/" + platform, operator,
                    TestCores.release("0.1.1", TestCores.Kind.WORKS), JAR);
            assertThat(published.status()).as(published.raw()).isEqualTo(201);
            assertThat(http.get("/api/v1/info", null).body().get("latestCores").get(platform).asText()).isEqualTo("0.1.1");
            String good = order(http, operator, agentId, "0.1.1");
            JsonNode done = awaitResult(http, operator, good);
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
            assertThat(done.get("result").get("message").asText()).isEqualTo("core 0.1.1 installed (was " + before + ")");
            JsonNode agentNow = http.get(path, operator).body();
            assertThat(agentNow.get("agentVersion").asText()).isEqualTo("0.1.1");
            assertThat(agentNow.get("coreUpdates").get(0).get("outcome").asText()).isEqualTo("installed");
            assertThat(agent.exits).as("it asked to be restarted once, for the switch").containsExactly(75);

            // a release that never checks in: the bootstrap rolls it back after its deadline
            http.postBytes("/api/v1/cores/" + platform, operator, TestCores.release("0.1.2", TestCores.Kind.NEVER_CHECKS_IN), JAR);
            String bad = order(http, operator, agentId, "0.1.2");
            JsonNode failed = awaitResult(http, operator, bad);
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("result").get("message").asText())
                    .isEqualTo("core 0.1.2 rolled-back: it did not check in within 20 s; 0.1.1 runs");
            assertThat(http.get(path, operator).body().get("agentVersion").asText()).isEqualTo("0.1.1");
            assertThat(dir.resolve("agent/core/versions/0.1.2")).as("a failed release is not kept").doesNotExist();

            // killed in the middle of the switch (the new core starting, not yet healthy): rolled back, and the next
            // order of the same release goes through
            http.postBytes("/api/v1/cores/" + platform, operator, TestCores.release("0.1.3", TestCores.Kind.WORKS), JAR);
            String interrupted = order(http, operator, agentId, "0.1.3");
            Fleet.await(Duration.ofSeconds(60), () -> trialOf("0.1.3") ? true : null, "the switch to 0.1.3 to begin");
            agent.kill();
            JsonNode killed = awaitResult(http, operator, interrupted);
            assertThat(killed.get("status").asText()).isEqualTo("failed");
            assertThat(killed.get("result").get("message").asText()).startsWith("core 0.1.3 rolled-back: it did not check in")
                    .endsWith("0.1.1 runs");
            String again = order(http, operator, agentId, "0.1.3");
            assertThat(awaitResult(http, operator, again).get("status").asText()).isEqualTo("completed");
            JsonNode end = http.get(path, operator).body();
            assertThat(end.get("agentVersion").asText()).isEqualTo("0.1.3");
            assertThat(end.get("coreUpdates").findValuesAsText("outcome"))
                    .containsExactly("installed", "rolled-back", "rolled-back", "installed");
            assertThat(dir.resolve("agent/core/versions/0.1.1/redflag-agent.jar")).as("the backup").exists();

            // killed after the switch (the new core proved itself): it stays
            agent.kill();
            java.time.Instant killedAt = java.time.Instant.now();
            JsonNode afterKill = Fleet.await(Duration.ofSeconds(60), () -> {
                JsonNode a = http.get(path, operator).body();
                return java.time.Instant.parse(a.get("lastSeenAt").asText()).isAfter(killedAt.plusSeconds(1)) ? a : null;
            }, "the agent back after the kill");
            assertThat(afterKill.get("agentVersion").asText()).isEqualTo("0.1.3");
            assertThat(afterKill.get("coreUpdates").size()).as("nothing new happened to the core").isEqualTo(4);

            // an order for what it already runs is refused before anything is queued
            Http.Answer same = http.post("/api/v1/agents/core-updates", operator, Map.of("agentIds", List.of(agentId)));
            assertThat(same.body().get(0).get("refused").asText()).contains("already runs 0.1.3");
        } finally {
            if (agent != null) {
                agent.stop();
            }
            server.close();
        }
    }

    private boolean trialOf(String version) {
        try {
            return Files.readString(dir.resolve("agent/core/core-state.properties")).contains("trial.version=" + version);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String order(Http http, String operator, String agentId, String version) {
        Http.Answer r = http.post("/api/v1/agents/core-updates", operator, Map.of("agentIds", List.of(agentId),
                "version", version));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode o = r.body().get(0);
        assertThat(o.get("refused").isNull()).as(r.raw()).isTrue();
        assertThat(o.get("version").asText()).isEqualTo(version);
        return o.get("commandId").asText();
    }

    private static JsonNode awaitResult(Http http, String operator, String commandId) {
        return Fleet.await(Duration.ofSeconds(120), () -> {
            JsonNode c = http.get("/api/v1/commands/" + commandId, operator).body();
            return c.get("result").isNull() ? null : c;
        }, "the outcome of core update " + commandId);
    }

    /** Starts the agent again whenever it ends, as systemd's Restart=always does, until stopped. */
    private final class Supervisor {
        final List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
        private volatile Process process;
        private volatile boolean stopped;
        private final Thread thread;
        private int runs;

        Supervisor(String endpoint, String seat) throws Exception {
            process = start(endpoint, seat);
            thread = new Thread(() -> {
                while (!stopped) {
                    try {
                        int code = process.waitFor();
                        if (stopped) {
                            return;
                        }
                        exits.add(code);
                        Thread.sleep(300);
                        process = start(endpoint, null);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "agent-supervisor");
            thread.setDaemon(true);
            thread.start();
        }

        private Process start(String endpoint, String seat) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dredflag.core.health.seconds=20", "-jar", System.getProperty("redflag.agent.jar"), "run", "--server",
                    endpoint, "--data-dir", dir.resolve("agent").toString()));
            if (seat != null) {
                cmd.addAll(List.of("--token", seat));
            }
            File log = dir.resolve("agent-" + (++runs) + ".log").toFile();
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).redirectInput(new File("/dev/null"))
                    .start();
        }

        /** SIGKILL: no shutdown hook, no framework stop. The supervisor starts it again (that exit is not counted). */
        void kill() throws InterruptedException {
            Process p = process;
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            stopped = true;
            Process p = process;
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
