// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The real agent's loop against the real server: what it says of its host and its local policy at check-in, heartbeat
 * mode, and a policy the server cannot override. The fleet's agent gets another policy through its own (local)
 * configuration, as an administrator of that host would give it, and has its own back afterwards.
 */
class AgentLoopIT {

    private static final String AGENT_PID = "io.redflag.agent";

    @Test
    void theAgentReportsItsHostAndPolicyAndAnOperatorCanWatchItClosely() throws Exception {
        Fleet fleet = Fleet.get();
        String path = "/api/v1/agents/" + fleet.agentId;
        JsonNode agent = Fleet.await(Duration.ofSeconds(30), () -> {
            JsonNode a = fleet.http.get(path, fleet.operatorToken).body();
            return a.get("host").isNull() ? null : a;
        }, "the agent's host figures");
        assertThat(Http.JSON.convertValue(agent.get("accepts"), List.class)).containsExactly("scan", "dry-run", "install",
                "bundle-updates", "core-updates");
        JsonNode host = agent.get("host");
        assertThat(host.get("memoryTotalBytes").asLong()).isPositive();
        assertThat(host.get("memoryAvailableBytes").asLong()).isBetween(1L, host.get("memoryTotalBytes").asLong());
        assertThat(host.get("uptimeSeconds").asLong()).isPositive();
        assertThat(host.get("logicalCpus").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(host.get("disks").findValuesAsText("mount")).contains("/");
        assertThat(agent.get("breakers")).isEmpty();

        Http.Answer wrong = fleet.http.put(path + "/heartbeat", fleet.operatorToken, Map.of("minutes", 45));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.raw()).contains("minutes must be one of [10, 30, 60]");
        Http.Answer on = fleet.http.put(path + "/heartbeat", fleet.operatorToken, Map.of("minutes", 10));
        assertThat(on.status()).as(on.raw()).isEqualTo(200);
        String until = on.body().get("heartbeatUntil").asText();
        assertThat(Instant.parse(until)).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
        // the agent hears of it at its next check-in and then calls every 5 s
        Path status = fleet.dataDir.resolve("agent/status.json");
        Fleet.await(Duration.ofSeconds(30), () -> read(status).path("heartbeatUntil").asText("").equals(until) ? true : null,
                "the agent to hear of the heartbeat");
        String seen = fleet.http.get(path, fleet.operatorToken).body().get("lastSeenAt").asText();
        for (int i = 0; i < 2; i++) {
            String before = seen;
            seen = Fleet.await(Duration.ofSeconds(9), () -> {
                String now = fleet.http.get(path, fleet.operatorToken).body().get("lastSeenAt").asText();
                return now.equals(before) ? null : now;
            }, "a check-in within 5 s (+ jitter)");
        }
        Http.Answer off = fleet.http.send("DELETE", path + "/heartbeat", fleet.operatorToken);
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().get("heartbeatUntil").isNull()).isTrue();
    }

    @Test
    void aMonitorOnlyAgentRefusesWhatItsOwnPolicyForbidsAndTheServerOffersNothingOutsideIt() throws Exception {
        Fleet fleet = Fleet.get();
        String path = "/api/v1/agents/" + fleet.agentId;
        ServiceReference<ConfigurationAdmin> ref = fleet.agent.context().getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin cm = fleet.agent.context().getService(ref);
        Configuration config = cm.getConfiguration(AGENT_PID, "?");
        Dictionary<String, Object> original = config.getProperties();
        try {
            // the agent stops (its configuration is gone) while the server, which last heard "all", queues a dry run
            config.delete();
            Thread.sleep(500);
            Map<String, Object> dry = Map.of("ecosystem", "apt", "packages", List.of("base-files"));
            Http.Answer queued = fleet.http.post(path + "/dry-runs", fleet.operatorToken, dry);
            assertThat(queued.status()).as(queued.raw()).isEqualTo(202);
            String commandId = queued.body().get("commandId").asText();

            // its administrator makes it a monitor: it refuses the dry run before running anything, and says why
            Dictionary<String, Object> monitor = copy(original);
            monitor.put("accept", "monitor");
            cm.getConfiguration(AGENT_PID, "?").update(monitor);
            JsonNode command = Fleet.await(Duration.ofSeconds(30), () -> {
                JsonNode c = fleet.http.get("/api/v1/commands/" + commandId, fleet.operatorToken).body();
                return c.get("result").isNull() ? null : c;
            }, "the agent's answer to the dry run");
            assertThat(command.get("status").asText()).isEqualTo("refused");
            assertThat(command.get("result").get("message").asText()).startsWith("refused by local policy: this agent "
                    + "accepts only scan, not dry-run");
            assertThat(command.get("result").get("plan").isNull()).as("nothing ran").isTrue();

            // the server shows the limit and queues nothing outside it
            Fleet.await(Duration.ofSeconds(30), () -> Http.JSON.convertValue(fleet.http.get(path, fleet.operatorToken).body()
                    .get("accepts"), List.class).equals(List.of("scan")) ? true : null, "the server to learn the policy");
            Http.Answer refused = fleet.http.post(path + "/dry-runs", fleet.operatorToken, dry);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().get("detail").asText()).contains("local policy does not accept dry-run");
        } finally {
            cm.getConfiguration(AGENT_PID, "?").update(original);
            fleet.agent.context().ungetService(ref);
        }
        Fleet.await(Duration.ofSeconds(30), () -> Http.JSON.convertValue(fleet.http.get(path, fleet.operatorToken).body()
                .get("accepts"), List.class).size() == 5 ? true : null, "the agent's own policy back");
    }

    private static JsonNode read(Path file) {
        try {
            return Files.exists(file) ? Http.JSON.readTree(file.toFile()) : Http.JSON.createObjectNode();
        } catch (java.io.IOException e) {
            return Http.JSON.createObjectNode(); // being replaced at this very moment
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> out = new Hashtable<>();
        for (var keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            out.put(k, d.get(k));
        }
        return out;
    }
}
