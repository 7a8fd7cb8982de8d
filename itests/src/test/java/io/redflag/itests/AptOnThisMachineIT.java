// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The APT scanner for real on this machine, driven through the server: a dry run of a pending
 * update, then an install bound to a plan the host does not have, which the agent must refuse
 * without touching the host. Nothing is installed by these tests.
 */
class AptOnThisMachineIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    private static JsonNode awaitCommand(String id) {
        return Fleet.await(Duration.ofSeconds(90), () -> {
            JsonNode c = fleet.http.get("/api/v1/commands/" + id, fleet.operatorToken).body();
            String s = c.get("status").asText();
            return s.equals("pending") || s.equals("delivered") ? null : c;
        }, "command " + id + " to finish");
    }

    /** A package this machine can upgrade, as the scan stored it; or a package to install when nothing is pending. */
    private static JsonNode somePendingUpdate() {
        return Fleet.await(Duration.ofSeconds(60), () -> {
            for (JsonNode s : fleet.http.get("/api/v1/agents/" + fleet.agentId + "/subsystems", fleet.operatorToken).body()) {
                if (s.get("ecosystem").asText().equals("apt") && !s.get("lastStatus").isNull()) {
                    JsonNode updates = fleet.http.get("/api/v1/agents/" + fleet.agentId + "/updates?ecosystem=apt",
                            fleet.operatorToken).body();
                    return updates.size() > 0 ? updates.get(0) : Http.JSON.createObjectNode().put("id", "hello");
                }
            }
            return null;
        }, "the first apt scan");
    }

    private static String installedVersion(String pkg) throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", pkg.replaceAll(":.*", "")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void dryRunShowsTheRealTransactionAndAMismatchedPlanIsNeverInstalled() throws Exception {
        JsonNode update = somePendingUpdate();
        String pkg = update.get("id").asText();
        String before = installedVersion(pkg);

        Http.Answer dry = fleet.http.post("/api/v1/agents/" + fleet.agentId + "/dry-runs", fleet.operatorToken,
                Map.of("ecosystem", "apt", "packages", List.of(pkg)));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(202);
        JsonNode done = awaitCommand(dry.body().get("commandId").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        JsonNode plan = done.get("result").get("plan");
        assertThat(plan.get("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(plan.get("changes").size()).isPositive();
        String name = pkg.replaceAll(":.*", "");
        boolean mentionsPackage = false;
        for (JsonNode change : plan.get("changes")) {
            if (change.get("name").asText().equals(name)) {
                mentionsPackage = true;
                if (update.has("availableVersion")) {
                    assertThat(change.get("action").asText()).isIn("UPGRADE", "CONFIGURE");
                }
            }
        }
        assertThat(mentionsPackage).as("plan " + plan + " names " + name).isTrue();

        // approve a plan no dry run computed: refused at once, naming the mismatch (the agent would refuse it too, after
        // computing the plan again: CommandExecutorTest)
        String wrong = "0".repeat(64);
        Http.Answer install = fleet.http.post("/api/v1/agents/" + fleet.agentId + "/installs", fleet.operatorToken,
                Map.of("ecosystem", "apt", "packages", List.of(pkg), "planHash", wrong));
        assertThat(install.status()).as(install.raw()).isEqualTo(409);
        assertThat(install.body().get("detail").asText()).contains("no completed dry run of apt on this agent computed plan "
                + wrong);
        assertThat(installedVersion(pkg)).isEqualTo(before);
    }

    @Test
    void packageCommandsRejectBadRequests() {
        String base = "/api/v1/agents/" + fleet.agentId;
        assertThat(fleet.http.post(base + "/dry-runs", fleet.operatorToken, Map.of("ecosystem", "apt", "packages", List.of()))
                .status()).isEqualTo(400);
        Http.Answer noHash = fleet.http.post(base + "/installs", fleet.operatorToken,
                Map.of("ecosystem", "apt", "packages", List.of("bash")));
        assertThat(noHash.status()).isEqualTo(400);
        assertThat(noHash.body().get("detail").asText()).contains("planHash");
        assertThat(fleet.http.post(base + "/dry-runs", fleet.operatorToken, Map.of("ecosystem", "nosuchecosystem", "packages", List.of("x")))
                .status()).isEqualTo(404);
        assertThat(fleet.http.post(base + "/dry-runs", null, Map.of("ecosystem", "apt", "packages", List.of("x")))
                .status()).isEqualTo(401);
        assertThat(fleet.http.get("/api/v1/commands/not-a-uuid", fleet.operatorToken).status()).isEqualTo(400);
    }
}
