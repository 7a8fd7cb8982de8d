// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The same scanner jars are deployed to both runtimes: the server gets their descriptors only, the
 * agent gets descriptors and scanners, described by their service properties. Nothing decides this
 * but which services each runtime offers.
 */
class ScannerBundlesIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    private static List<ServiceReference<?>> refs(BundleContext ctx, String type) throws Exception {
        ServiceReference<?>[] r = ctx.getAllServiceReferences(type, null); // "all": the test class path has its own copy of the API
        return r == null ? List.of() : Arrays.asList(r);
    }

    private static List<String> ecosystemsOfDescriptors(BundleContext ctx) throws Exception {
        // the descriptor's ecosystem() is behind the service object; its bundle names it just as well
        List<String> out = new ArrayList<>();
        for (ServiceReference<?> r : refs(ctx, "io.redflag.scanner.SubsystemDescriptor")) {
            out.add(r.getBundle().getSymbolicName());
        }
        return out;
    }

    @Test
    void serverHasDescriptorsButNoScanners() throws Exception {
        BundleContext server = fleet.server.felix().context();
        assertThat(ecosystemsOfDescriptors(server)).contains("io.redflag.scanner.apt", "io.redflag.scanner.dnf",
                "io.redflag.scanner.docker", "io.redflag.scanner.winget", "io.redflag.scanner.windowsupdate",
                "io.redflag.scanner.system");
        assertThat(refs(server, "io.redflag.scanner.PackageScanner")).isEmpty();
        assertThat(refs(server, "io.redflag.scanner.HostReadings")).isEmpty();
        assertThat(refs(server, "io.redflag.scanner.CommandRunner")).isEmpty();

        JsonNode subsystems = fleet.http.get("/api/v1/subsystems", fleet.operatorToken).body();
        List<String> ids = new ArrayList<>();
        subsystems.forEach(s -> ids.add(s.get("ecosystem").asText()));
        assertThat(ids).contains("apt", "dnf", "docker", "winget", "windows-update", "storage", "system");
        JsonNode apt = fleet.http.get("/api/v1/subsystems/apt", fleet.operatorToken).body();
        assertThat(apt.get("versionOrdering").asText()).isEqualTo("dpkg");
        assertThat(apt.get("osFamilies").get(0).asText()).isEqualTo("linux");
        assertThat(fleet.http.get("/api/v1/subsystems/nope", fleet.operatorToken).status()).isEqualTo(404);
    }

    @Test
    void hostReadingsAreKeptApartFromInstallableUpdates() {
        String base = "/api/v1/agents/" + fleet.agentId;
        JsonNode storage = Fleet.await(java.time.Duration.ofSeconds(60), () -> {
            JsonNode m = fleet.http.get(base + "/metrics?ecosystem=storage", fleet.operatorToken).body();
            return m.size() > 0 ? m : null;
        }, "the first storage reading");
        assertThat(storage.findValuesAsText("id")).contains("/");
        JsonNode root = null;
        for (JsonNode fs : storage) {
            root = fs.get("id").asText().equals("/") ? fs : root;
        }
        assertThat(root.get("value").asDouble()).isBetween(0.0, 100.0);
        assertThat(root.get("unit").asText()).isEqualTo("%");
        assertThat(root.get("detail").asText()).contains("usable of");
        assertThat(root.has("installedVersion")).as("a reading, not an update record").isFalse();
        assertThat(fleet.http.get(base + "/metrics?ecosystem=apt", fleet.operatorToken).status()).isEqualTo(400);
        assertThat(fleet.http.get(base + "/metrics?ecosystem=bogus", fleet.operatorToken).status()).isEqualTo(400);
        assertThat(fleet.http.get(base + "/updates", fleet.operatorToken).body().findValuesAsText("ecosystem"))
                .doesNotContain("storage", "system");
        assertThat(fleet.http.get("/api/v1/subsystems/storage", fleet.operatorToken).body().get("kind").asText())
                .isEqualTo("METRICS");
        assertThat(fleet.http.get("/api/v1/subsystems/apt", fleet.operatorToken).body().get("kind").asText())
                .isEqualTo("UPDATES");
        Http.Answer install = fleet.http.post(base + "/dry-runs", fleet.operatorToken,
                java.util.Map.of("ecosystem", "storage", "packages", List.of("/")));
        assertThat(install.status()).isEqualTo(400);
        assertThat(install.body().get("detail").asText()).contains("nothing to dry-run or install");
    }

    @Test
    void agentHasEveryScannerAndReaderAndEverySubsystemIsDescribedOnce() throws Exception {
        BundleContext agent = fleet.agent.context();
        List<String> scanners = new ArrayList<>();
        for (ServiceReference<?> r : refs(agent, "io.redflag.scanner.PackageScanner")) {
            scanners.add((String) r.getProperty("scanner.ecosystem"));
        }
        assertThat(scanners).containsExactlyInAnyOrder("apt", "dnf", "docker", "winget", "windows-update");
        List<String> readers = new ArrayList<>();
        for (ServiceReference<?> r : refs(agent, "io.redflag.scanner.HostReadings")) {
            readers.add((String) r.getProperty("scanner.ecosystem"));
        }
        assertThat(readers).containsExactlyInAnyOrder("storage", "system");
        // what a subsystem is, said once: the descriptor's service properties
        Map<String, List<String>> platforms = new TreeMap<>();
        Map<String, String> kinds = new TreeMap<>();
        for (ServiceReference<?> r : refs(agent, "io.redflag.scanner.SubsystemDescriptor")) {
            String eco = (String) r.getProperty("subsystem.ecosystem");
            platforms.put(eco, Arrays.asList((String[]) r.getProperty("subsystem.os")));
            kinds.put(eco, (String) r.getProperty("subsystem.kind"));
            assertThat(r.getProperty("subsystem.defaultIntervalSeconds")).as(eco).isInstanceOf(Long.class);
        }
        assertThat(platforms).containsEntry("apt", List.of("linux")).containsEntry("winget", List.of("windows"))
                .containsEntry("docker", List.of("linux", "windows"));
        assertThat(kinds).containsEntry("apt", "UPDATES").containsEntry("storage", "METRICS").containsEntry("system", "METRICS");
        // Windows-only scanners are present on a Linux agent but never scheduled here
        JsonNode subsystems = fleet.http.get("/api/v1/agents/" + fleet.agentId + "/subsystems", fleet.operatorToken).body();
        List<String> enabled = new ArrayList<>();
        subsystems.forEach(s -> enabled.add(s.get("ecosystem").asText()));
        assertThat(enabled).contains("apt", "storage", "system").doesNotContain("winget", "windows-update");
        assertThat(refs(agent, "io.redflag.scanner.CommandRunner")).hasSize(1);
        // every plug-in of this agent works: nothing reported as failed
        JsonNode me = fleet.http.get("/api/v1/agents/" + fleet.agentId, fleet.operatorToken).body();
        assertThat(me.get("failedScanners")).isEmpty();
    }
}
