// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Day-to-day upkeep against the real runtimes: scan now (the real agent scans at its next check-in), commands listed
 * and paged, the agent's online status, the audit log read and verified, and an unknown ecosystem named as a mistake.
 */
class UpkeepIT {

    @Test
    void scanNowCommandsOnlineStatusTheAuditLogAndUnknownEcosystems() throws Exception {
        Fleet fleet = Fleet.get();
        String path = "/api/v1/agents/" + fleet.agentId;
        String op = fleet.operatorToken;
        assertThat(fleet.http.get(path, op).body().get("online").asBoolean()).isTrue();

        // once no scan is under way (a scan already on its way is not doubled), scan now: due at once, and the agent's
        // next check-in brings a fresh result
        Fleet.await(Duration.ofSeconds(60), () -> fleet.http.get("/api/v1/commands?agentId=" + fleet.agentId + "&status=pending",
                op).body().isEmpty() && fleet.http.get("/api/v1/commands?agentId=" + fleet.agentId + "&status=delivered", op)
                .body().isEmpty() ? true : null, "the agent's scans under way to end");
        Instant before = Instant.now();
        Http.Answer scan = fleet.http.post(path + "/subsystems/storage/scan", op, Map.of());
        assertThat(scan.status()).as(scan.raw()).isEqualTo(200);
        assertThat(Instant.parse(scan.body().get("nextRunAt").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode asked = Fleet.await(Duration.ofSeconds(40), () -> {
            for (JsonNode c : fleet.http.get("/api/v1/commands?agentId=" + fleet.agentId + "&type=scan&status=completed&limit=10",
                    op).body()) {
                if (c.get("params").get("ecosystem").asText().equals("storage")
                        && Instant.parse(c.get("createdAt").asText()).isAfter(before)) {
                    return c;
                }
            }
            return null;
        }, "the storage scan asked for now, done");
        assertThat(fleet.http.get("/api/v1/commands/" + asked.get("id").asText(), op).body().get("result").get("scan")
                .get("readings").findValuesAsText("id")).as("this machine's root file system").contains("/");
        Http.Answer unknown = fleet.http.post(path + "/subsystems/bogus/scan", op, Map.of());
        assertThat(unknown.status()).isEqualTo(404);

        // commands, newest first, filtered and paged
        Http.Answer scans = fleet.http.get("/api/v1/commands?agentId=" + fleet.agentId + "&type=scan&limit=2", op);
        assertThat(scans.status()).as(scans.raw()).isEqualTo(200);
        assertThat(scans.body()).hasSize(2);
        assertThat(Instant.parse(scans.body().get(0).get("createdAt").asText()))
                .isAfterOrEqualTo(Instant.parse(scans.body().get(1).get("createdAt").asText()));
        String last = scans.body().get(1).get("id").asText();
        JsonNode next = fleet.http.get("/api/v1/commands?agentId=" + fleet.agentId + "&type=scan&limit=2&before=" + last, op).body();
        assertThat(next.findValuesAsText("id")).doesNotContain(scans.body().get(0).get("id").asText(), last);
        assertThat(fleet.http.get("/api/v1/commands?type=reboot", op).raw()).contains("type 'reboot' is not one of");
        assertThat(fleet.http.get("/api/v1/commands?limit=0", op).status()).isEqualTo(400);

        // readings and updates filters: a mistake is named, not answered with an empty list
        Http.Answer bogus = fleet.http.get(path + "/updates?ecosystem=bogus", op);
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.body().get("detail").asText()).contains("'bogus' is no subsystem this server knows");
        assertThat(fleet.http.get(path + "/updates?ecosystem=storage", op).body().get("detail").asText()).contains("see …/metrics");

        // the fleet view: the real agent's pending APT updates, grouped
        JsonNode fleetView = fleet.http.get("/api/v1/fleet/updates?groupBy=ecosystem", op).body();
        assertThat(fleetView.findValuesAsText("key")).contains("apt");
        Http.Answer packages = fleet.http.get("/api/v1/fleet/updates?ecosystem=apt&limit=2", op);
        assertThat(packages.status()).as(packages.raw()).isEqualTo(200);
        if (packages.body().size() == 2) {
            JsonNode after = fleet.http.get("/api/v1/fleet/updates?ecosystem=apt&limit=2&after="
                    + packages.body().get(1).get("cursor").asText(), op).body();
            assertThat(after.findValuesAsText("key")).doesNotContainAnyElementsOf(packages.body().findValuesAsText("key"));
        }
        assertThat(fleet.http.get("/api/v1/fleet/updates?groupBy=owner", op).status()).isEqualTo(400);

        // tags, and agents found by them and by their state
        Http.Answer tagged = fleet.http.put(path + "/tags", op, Map.of("tags", java.util.List.of("web", "prod", "web")));
        assertThat(tagged.status()).as(tagged.raw()).isEqualTo(200);
        assertThat(tagged.body().get("tags").toString()).isEqualTo("[\"prod\",\"web\"]");
        assertThat(fleet.http.get("/api/v1/agents?tag=web&online=true&os=linux", op).body().findValuesAsText("id"))
                .contains(fleet.agentId);
        assertThat(fleet.http.get("/api/v1/agents?tag=nowhere", op).body()).isEmpty();
        assertThat(fleet.http.get("/api/v1/agents?online=maybe", op).status()).isEqualTo(400);
        assertThat(fleet.http.put(path + "/tags", op, Map.of("tags", java.util.List.of("Not OK"))).status()).isEqualTo(400);
        fleet.http.put(path + "/tags", op, Map.of("tags", java.util.List.of()));

        // the audit log: the scan-now above is in it, and the chain holds
        JsonNode audit = fleet.http.get("/api/v1/audit?action=subsystem.scan-now&limit=5", op).body();
        assertThat(audit.get(0).get("detail").asText()).contains("agent=" + fleet.agentId).contains("ecosystem=storage");
        JsonNode verify = fleet.http.get("/api/v1/audit/verify", op).body();
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("checked").asLong()).isPositive();
        assertThat(fleet.http.get("/api/v1/audit?security=maybe", op).status()).isEqualTo(400);

        // a NUL byte in any query parameter is named, never a database failure
        for (String route : new String[] {"/api/v1/audit?actor=%00", "/api/v1/fleet/updates?ecosystem=apt&after=a%00b",
                "/api/v1/artifacts?name=%00", "/api/v1/cores?platform=x%00"}) {
            Http.Answer nul = fleet.http.get(route, op);
            assertThat(nul.status()).as(route).isEqualTo(400);
            assertThat(nul.body().get("detail").asText()).as(route).contains("contains a NUL character (U+0000)");
        }
        String sneaky = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1\na\u0000b\napt".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(fleet.http.get("/api/v1/fleet/updates?after=" + sneaky, op).body().get("detail").asText())
                .contains("not a cursor");
    }
}
