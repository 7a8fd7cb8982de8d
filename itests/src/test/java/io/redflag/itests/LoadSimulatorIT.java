// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.launcher.ServerRuntime;
import io.redflag.loadsim.LoadSimulator;
import io.redflag.loadsim.SimulationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load simulator speaks the real protocol to a real server node (over the fleet's database, rate limits lifted as
 * the benchmark lifts them): its agents register with keys of their own, accept the scan commands the server signed
 * for them, send 150 updates each, which the server keeps, and renew their tokens (here before every round) without
 * one refusal.
 */
class LoadSimulatorIT {

    @Test
    void virtualAgentsRegisterScanReportAndRenewOverTheRealProtocol() throws Exception {
        Fleet fleet = Fleet.get();
        Map<String, String> lifted = new java.util.HashMap<>();
        for (String limit : List.of("public", "public.reads", "agent", "operator")) {
            lifted.put("redflag.ratelimit." + limit + ".burst", "1000000");
            lifted.put("redflag.ratelimit." + limit + ".per.second", "1000000");
        }
        Path tokenFile = Files.createTempFile("redflag-loadsim", ".token");
        Files.writeString(tokenFile, fleet.operatorToken);
        List<String> progress = new ArrayList<>();
        List<String> simulated = new ArrayList<>();
        try (ServerRuntime node = fleet.secondNode(Files.createTempDirectory("redflag-loadsim"), lifted)) {
            SimulationReport r = LoadSimulator.simulate(progress::add, "--server", node.endpoint(),
                    "--operator-token-file", tokenFile.toString(), "--agents", "12", "--concurrency", "3",
                    "--warmup", "0", "--duration", "2", "--renew-before", "900");
            for (JsonNode a : fleet.http.get("/api/v1/agents", fleet.operatorToken).body()) {
                if (a.path("hostname").asText().startsWith("loadsim-")) {
                    simulated.add(a.get("id").asText());
                }
            }

            assertThat(r.errors).as("errors; first-scan routes %s, measured %s", r.phases.get("first-scan").routes,
                    r.phases.get("measured").routes).isZero();
            assertThat(r.phases.get("register").routes.get("register").requests).isEqualTo(12);
            assertThat(r.commands.accepted).as("every scan command verified against the pinned key").isEqualTo(12);
            assertThat(r.commands.refused).isEmpty();
            assertThat(r.phases.get("first-scan").routes.get("results").requests).isEqualTo(12);
            assertThat(r.resultsPerSecond).isPositive();
            SimulationReport.Route checkIns = r.phases.get("measured").routes.get("check-in");
            assertThat(checkIns.requests).isGreaterThan(12);
            assertThat(r.checkinsPerSecond).isPositive();
            assertThat(r.p99Ms).isGreaterThanOrEqualTo(r.p50Ms).isPositive();
            assertThat(r.tokenRenewals).as("a renewal before every round").isGreaterThanOrEqualTo(12 + checkIns.requests);
            assertThat(progress).anyMatch(l -> l.startsWith("[measured] begins")).anyMatch(l -> l.startsWith("[measured] ends"));

            assertThat(simulated).hasSize(12);
            JsonNode updates = fleet.http.get("/api/v1/agents/" + simulated.get(0) + "/updates", fleet.operatorToken).body();
            assertThat(updates).as("the server keeps each agent's 150 updates").hasSize(150);
            List<String> ids = new ArrayList<>();
            updates.forEach(u -> ids.add(u.get("id").asText()));
            assertThat(ids).contains("base-files", "base-files:i386").doesNotHaveDuplicates();
        } finally {
            for (String id : simulated) { // the fleet's other tests count agents and packages
                fleet.http.send("DELETE", "/api/v1/agents/" + id, fleet.operatorToken);
            }
            Files.deleteIfExists(tokenFile);
        }
    }

    @Test
    void aCommandLineItCannotRunIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> LoadSimulator.simulate(l -> { }, "--server", "http://127.0.0.1:1", "--agents", "0",
                "--operator-token-file", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--agents must be a whole number from 1 to 100000, not '0'");
        assertThatThrownBy(() -> LoadSimulator.simulate(l -> { }, "--server", "http://127.0.0.1:1",
                "--operator-token-file", "/nonexistent/token")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer");
    }
}
