// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.protocol.AgentSubsystemDTO;
import io.redflag.protocol.InventoryRecordDTO;
import io.redflag.protocol.SubsystemStatus;
import io.redflag.protocol.SubsystemUpdateDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.SubsystemKind;
import io.redflag.server.inventory.internal.JdbcInventory;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JdbcInventoryTest {

    private final Database db = TestDatabase.fresh();
    private final TestCatalog catalog = TestCatalog.aptAndStorage();
    private final Inventory inventory = new JdbcInventory(db, catalog, new io.redflag.server.store.internal.ChainedAuditLog(db));

    private static PackageUpdateDTO update(String id, String available, Severity severity) {
        PackageUpdateDTO u = new PackageUpdateDTO();
        u.id = id;
        u.name = id;
        u.installedVersion = "1";
        u.availableVersion = available;
        u.severity = severity;
        return u;
    }

    private void scan(UUID agent, String eco, PackageUpdateDTO... updates) {
        db.inTransaction(c -> {
            inventory.storeScan(c, agent, eco, ScanReportDTO.of(List.of(updates)));
            inventory.markSubsystem(c, agent, eco, SubsystemStatus.OK, null);
            return null;
        });
    }

    @Test
    void defaultSubsystemsAreTheOnesBothSidesKnowWithTheirKindAndInterval() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt", "storage", "snap"));
        List<AgentSubsystemDTO> subs = inventory.subsystems(a);
        assertThat(subs).extracting(s -> s.ecosystem).containsExactly("apt", "storage");
        assertThat(subs).extracting(s -> s.kind).containsExactly(SubsystemKind.UPDATES, SubsystemKind.METRICS);
        assertThat(subs).extracting(s -> s.intervalSeconds).containsExactly(21600, 900);
        assertThat(subs).allSatisfy(s -> assertThat(s.lastStatus).isNull());
    }

    @Test
    void aScanReplacesTheRecordsOfItsEcosystemAndKeepsFirstSeenTimes() throws Exception {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        scan(a, "apt", update("openssl", "3.0.15", Severity.IMPORTANT), update("curl", "8.1", null));
        String firstSeen = inventory.records(a, "apt", SubsystemKind.UPDATES).get(1).firstSeenAt;
        Thread.sleep(20);
        scan(a, "apt", update("openssl", "3.0.16", Severity.CRITICAL), update("bash", "5.2", Severity.LOW));
        List<InventoryRecordDTO> records = inventory.records(a, null, SubsystemKind.UPDATES);
        assertThat(records).extracting(r -> r.id).containsExactly("bash", "openssl");
        InventoryRecordDTO openssl = records.get(1);
        assertThat(openssl.availableVersion).isEqualTo("3.0.16");
        assertThat(openssl.severity).isEqualTo(Severity.CRITICAL);
        assertThat(openssl.firstSeenAt).isEqualTo(firstSeen);
        assertThat(openssl.lastSeenAt).isNotEqualTo(firstSeen);
        assertThat(inventory.agent(a).pendingUpdates).isEqualTo(2);
        assertThat(inventory.agent(a).subsystems).extracting(s -> s.lastStatus).containsExactly(SubsystemStatus.OK);
    }

    @Test
    void readingsStayReadingsWhileTheirBundleIsBeingReplaced() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt", "storage"));
        scan(a, "storage", update("/", "71%", Severity.LOW));
        scan(a, "apt", update("openssl", "3.0.15", Severity.IMPORTANT));
        catalog.remove("storage"); // scanners-system stopped for an update
        assertThat(inventory.readings(a, null)).extracting(r -> r.id).containsExactly("/");
        assertThat(inventory.records(a, null, SubsystemKind.UPDATES)).extracting(r -> r.id).containsExactly("openssl");
        assertThat(inventory.agent(a).pendingUpdates).isEqualTo(1);
        assertThat(inventory.agents()).filteredOn(x -> x.id.equals(a.toString())).singleElement()
                .satisfies(x -> assertThat(x.pendingUpdates).isEqualTo(1));
        // and a new scan while it is away keeps the kind fixed when the subsystem was created
        scan(a, "storage", update("/", "72%", Severity.LOW));
        assertThat(inventory.readings(a, "storage")).extracting(r -> r.detail).containsExactly("72%");
    }

    @Test
    void readingsHaveAShapeOfTheirOwnAndAnOlderAgentsRecordsAreReadIntoIt() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt", "storage"));
        // api 1.2: readings
        ScanReportDTO report = new ScanReportDTO();
        ReadingDTO disk = ReadingDTO.of("/var", 87, "%", Severity.IMPORTANT);
        disk.detail = "5.1 GiB usable of 40 GiB";
        disk.source = "/dev/vda1 (ext4)";
        report.readings.add(disk);
        report.readings.add(ReadingDTO.text("os.kernel", "6.1.0-18-amd64", Severity.LOW));
        db.inTransaction(c -> {
            inventory.storeScan(c, a, "storage", report);
            return null;
        });
        List<io.redflag.protocol.ReadingRecordDTO> read = inventory.readings(a, "storage");
        assertThat(read).extracting(r -> r.id, r -> r.value, r -> r.unit, r -> r.text, r -> r.severity, r -> r.ecosystem)
                .containsExactly(tuple("/var", 87.0, "%", null, Severity.IMPORTANT, "storage"),
                        tuple("os.kernel", null, null, "6.1.0-18-amd64", Severity.LOW, "storage"));
        assertThat(read.get(0).detail).isEqualTo("5.1 GiB usable of 40 GiB");
        assertThat(read.get(0).observedAt).isNotNull();
        assertThat(inventory.records(a, null, SubsystemKind.UPDATES)).as("no reading among the updates").isEmpty();

        // an agent before api 1.2: the value in installedVersion
        PackageUpdateDTO root = update("/", "83989770240", Severity.LOW);
        root.installedVersion = "71%";
        PackageUpdateDTO os = update("os.version", null, Severity.LOW);
        os.installedVersion = "Debian 12";
        scan(a, "storage", root, os);
        assertThat(inventory.readings(a, "storage")).extracting(r -> r.id, r -> r.value, r -> r.unit, r -> r.text)
                .containsExactly(tuple("/", 71.0, "%", null), tuple("os.version", null, null, "Debian 12"));
        assertThatThrownBy(() -> inventory.readings(a, "apt")).hasMessageContaining("see …/updates");
        assertThatThrownBy(() -> inventory.readings(a, "bogus")).hasMessageContaining("is no subsystem this server knows");
    }

    @Test
    void operatorsSwitchSubsystemsOffAndOnAndMistakesAreNamed() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        SubsystemUpdateDTO off = new SubsystemUpdateDTO();
        off.enabled = false;
        off.intervalSeconds = 3600;
        AgentSubsystemDTO s = inventory.updateSubsystem(a, "apt", off);
        assertThat(s.enabled).isFalse();
        assertThat(s.intervalSeconds).isEqualTo(3600);
        SubsystemUpdateDTO on = new SubsystemUpdateDTO();
        on.enabled = true;
        assertThat(inventory.updateSubsystem(a, "apt", on).enabled).isTrue();
        assertThat(inventory.updateSubsystem(a, "storage", new SubsystemUpdateDTO()).kind).isEqualTo(SubsystemKind.METRICS);

        assertThatThrownBy(() -> inventory.updateSubsystem(a, "snap", on)).isInstanceOf(UnknownSubsystemException.class)
                .hasMessage("no subsystem snap on this server");
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> inventory.updateSubsystem(nobody, "apt", on)).isInstanceOf(UnknownAgentException.class);
        assertThatThrownBy(() -> inventory.records(nobody, null, SubsystemKind.UPDATES)).isInstanceOf(UnknownAgentException.class);
        assertThatThrownBy(() -> inventory.agent(nobody)).hasMessage("no agent " + nobody);
    }

    private java.time.Instant nextRun(UUID agent, String eco) {
        return java.time.Instant.parse(inventory.subsystems(agent).stream().filter(x -> x.ecosystem.equals(eco)).findFirst()
                .orElseThrow().nextRunAt);
    }

    @Test
    void everyFieldOfAnUpdateIsKeptAsTheAgentSentIt() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        PackageUpdateDTO odd = new PackageUpdateDTO();
        odd.id = "libfoo,\"bar\"{x}:i386";
        odd.installedVersion = null;
        odd.availableVersion = "1:2.0~rc1+déb12";
        odd.source = "Debian-Security:12/stable-security";
        odd.architecture = "i386";
        odd.severity = Severity.CRITICAL;
        odd.security = true;
        odd.classification = io.redflag.scanner.UpdateClass.SECURITY;
        odd.advisories = List.of("DSA-5555-1", "DLA \"quoted\", {braced}");
        odd.cves = List.of("CVE-2024-0001");
        odd.downloadSize = 5_000_000_000L;
        odd.rebootRequired = true;
        PackageUpdateDTO plain = update("curl", "8.1", null);
        plain.advisories = null;
        plain.downloadSize = null;
        scan(a, "apt", odd, plain, update("curl", "9.9", Severity.LOW)); // a duplicate id counts once, the first
        List<InventoryRecordDTO> records = inventory.records(a, "apt", SubsystemKind.UPDATES);
        assertThat(records).extracting(r -> r.id).containsExactly("curl", odd.id);
        InventoryRecordDTO curl = records.get(0);
        assertThat(curl.availableVersion).isEqualTo("8.1");
        assertThat(curl.advisories).isEmpty();
        assertThat(curl.downloadSize).isNull();
        InventoryRecordDTO kept = records.get(1);
        assertThat(kept.name).as("no name: the id").isEqualTo(odd.id);
        assertThat(kept.installedVersion).isNull();
        assertThat(kept.availableVersion).isEqualTo(odd.availableVersion);
        assertThat(kept.source).isEqualTo(odd.source);
        assertThat(kept.architecture).isEqualTo("i386");
        assertThat(kept.severity).isEqualTo(Severity.CRITICAL);
        assertThat(kept.security).isTrue();
        assertThat(kept.classification).isEqualTo(io.redflag.scanner.UpdateClass.SECURITY);
        assertThat(kept.advisories).containsExactly("DSA-5555-1", "DLA \"quoted\", {braced}");
        assertThat(kept.cves).containsExactly("CVE-2024-0001");
        assertThat(kept.downloadSize).isEqualTo(5_000_000_000L);
        assertThat(kept.rebootRequired).isTrue();
        scan(a, "apt");
        assertThat(inventory.records(a, "apt", SubsystemKind.UPDATES)).as("an empty scan clears them").isEmpty();
    }

    @Test
    void theKindOfChangeAnUpdateIsIsKept() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        PackageUpdateDTO fix = update("openssl", "3.0.15", Severity.IMPORTANT);
        fix.classification = io.redflag.scanner.UpdateClass.SECURITY;
        scan(a, "apt", fix, update("curl", "8.1", Severity.LOW));
        assertThat(inventory.records(a, "apt", SubsystemKind.UPDATES)).extracting(r -> r.id + " " + r.classification)
                .containsExactly("curl UNKNOWN", "openssl SECURITY");
    }

    @Test
    void scanNowMakesAnEnabledSubsystemDueAndANewIntervalReschedulesFromTheLastRun() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agent_subsystems SET next_run_at = now() + "
                + "interval '6 hours', last_run_at = now() - interval '1 hour' WHERE agent_id = '" + a + "'"));
        assertThat(nextRun(a, "apt")).isAfter(java.time.Instant.now().plusSeconds(5 * 3600));

        SubsystemUpdateDTO shorter = new SubsystemUpdateDTO();
        shorter.intervalSeconds = 7200;
        inventory.updateSubsystem(a, "apt", shorter);
        assertThat(nextRun(a, "apt")).as("last run an hour ago + 2 h").isBetween(java.time.Instant.now().plusSeconds(3500),
                java.time.Instant.now().plusSeconds(3700));
        shorter.intervalSeconds = 600;
        inventory.updateSubsystem(a, "apt", shorter);
        assertThat(nextRun(a, "apt")).as("overdue: due now, not in the past").isBetween(
                java.time.Instant.now().minusSeconds(5), java.time.Instant.now().plusSeconds(1));

        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agent_subsystems SET next_run_at = now() + "
                + "interval '6 hours' WHERE agent_id = '" + a + "'"));
        AgentSubsystemDTO now = inventory.scanNow("operator:test", a, "apt");
        assertThat(java.time.Instant.parse(now.nextRunAt)).isBefore(java.time.Instant.now().plusSeconds(1));
        SubsystemUpdateDTO off = new SubsystemUpdateDTO();
        off.enabled = false;
        inventory.updateSubsystem(a, "apt", off);
        assertThatThrownBy(() -> inventory.scanNow("operator:test", a, "apt")).isInstanceOf(SubsystemDisabledException.class)
                .hasMessageContaining("not enabled");
        assertThatThrownBy(() -> inventory.scanNow("operator:test", a, "snap")).isInstanceOf(UnknownSubsystemException.class);
    }

    @Test
    void anUnknownOrMismatchedEcosystemIsABadRequestAndAnAgentIsOfflineAfterThreeMissedPolls() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        assertThatThrownBy(() -> inventory.records(a, "bogus", SubsystemKind.UPDATES))
                .isInstanceOf(io.redflag.protocol.InvalidMessageException.class).hasMessageContaining("known: apt, storage");
        assertThatThrownBy(() -> inventory.records(a, "storage", SubsystemKind.UPDATES)).hasMessageContaining("see …/metrics");
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET last_seen_at = now() WHERE id = '" + a + "'"));
        assertThat(inventory.agent(a).online).isTrue();
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET last_seen_at = now() - interval '40 seconds' "
                + "WHERE id = '" + a + "'"));
        assertThat(inventory.agent(a).online).as("15 s polls: 3 missed + slack = 55 s").isTrue();
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET last_seen_at = now() - interval '60 seconds' "
                + "WHERE id = '" + a + "'"));
        assertThat(inventory.agents()).singleElement().satisfies(x -> assertThat(x.online).isFalse());
    }

    @Test
    void theFleetViewGroupsPendingUpdatesMostAffectedFirstAndPagesWithoutRepeats() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        UUID b = TestAgents.insert(db, inventory, List.of("apt"));
        UUID c = TestAgents.insert(db, inventory, List.of("apt"));
        PackageUpdateDTO openssl = update("openssl", "3.0.15", Severity.IMPORTANT);
        openssl.security = true;
        openssl.cves = List.of("CVE-2024-1", "CVE-2024-2");
        scan(a, "apt", openssl, update("curl", "8.1", Severity.LOW), update("bash", "5.2", Severity.LOW));
        scan(b, "apt", openssl, update("curl", "8.1", Severity.LOW));
        scan(c, "apt", openssl);
        scan(a, "storage", update("/", "71%", Severity.CRITICAL)); // a reading: not an update

        var byPackage = inventory.fleetUpdates("package", null, null, null, 100);
        assertThat(byPackage).extracting(g -> g.key + " " + g.agents).containsExactly("openssl 3", "curl 2", "bash 1");
        assertThat(byPackage.get(0)).satisfies(g -> {
            assertThat(g.ecosystem).isEqualTo("apt");
            assertThat(g.severity).isEqualTo("IMPORTANT");
            assertThat(g.security).isTrue();
        });
        var first = inventory.fleetUpdates("package", null, null, null, 2);
        assertThat(first).hasSize(2);
        assertThat(inventory.fleetUpdates("package", null, null, first.get(1).cursor, 2)).extracting(g -> g.key)
                .containsExactly("bash");
        assertThat(inventory.fleetUpdates("cve", null, null, null, 10)).extracting(g -> g.key + " " + g.agents)
                .containsExactly("CVE-2024-1 3", "CVE-2024-2 3");
        assertThat(inventory.fleetUpdates("severity", null, null, null, 10)).extracting(g -> g.key + " " + g.agents + " "
                + g.updates).containsExactly("IMPORTANT 3 3", "LOW 2 3");
        assertThat(inventory.fleetUpdates("package", null, "low", null, 10)).extracting(g -> g.key).containsExactly("curl", "bash");
        db.inTransaction(x -> x.createStatement().executeUpdate("UPDATE agents SET status = 'revoked' WHERE id = '" + c + "'"));
        assertThat(inventory.fleetUpdates("ecosystem", null, null, null, 10)).extracting(g -> g.key + " " + g.agents)
                .as("revoked agents do not count").containsExactly("apt 2");
        var byName = inventory.fleetUpdates("package", null, null, "key", null, 2);
        assertThat(byName).extracting(g -> g.key).containsExactly("bash", "curl");
        assertThat(inventory.fleetUpdates("package", null, null, "key", byName.get(1).cursor, 2)).extracting(g -> g.key)
                .containsExactly("openssl");
        assertThatThrownBy(() -> inventory.fleetUpdates("package", null, null, "size", null, 10)).hasMessageContaining("sort");
        assertThatThrownBy(() -> inventory.fleetUpdates("owner", null, null, null, 10)).hasMessageContaining("groupBy");
        assertThatThrownBy(() -> inventory.fleetUpdates("package", null, null, "garbage!", 10))
                .hasMessageContaining("not a cursor");
        assertThatThrownBy(() -> inventory.fleetUpdates("package", null, "dire", null, 10)).hasMessageContaining("severity");
    }

    @Test
    void agentsAreFoundByTagOnlineStatusOsAndPendingSeverity() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        UUID b = TestAgents.insert(db, inventory, List.of("apt"));
        inventory.tag("operator:test", a, List.of("prod", "web"));
        inventory.tag("operator:test", b, List.of("staging"));
        scan(a, "apt", update("openssl", "3.0.15", Severity.CRITICAL));
        scan(b, "apt", update("curl", "8.1", Severity.LOW));
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET last_seen_at = now() WHERE id = '" + a + "'"));
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET last_seen_at = now() - interval '1 hour' "
                + "WHERE id = '" + b + "'"));
        java.util.function.Function<Inventory.AgentFilter, List<String>> ids = f -> inventory.agents(f).stream()
                .map(x -> x.id).toList();
        assertThat(ids.apply(new Inventory.AgentFilter("web", null, null, null))).containsExactly(a.toString());
        assertThat(ids.apply(new Inventory.AgentFilter(null, true, null, null))).containsExactly(a.toString());
        assertThat(ids.apply(new Inventory.AgentFilter(null, false, null, null))).containsExactly(b.toString());
        assertThat(ids.apply(new Inventory.AgentFilter(null, null, null, Severity.IMPORTANT))).as("critical is graver")
                .containsExactly(a.toString());
        assertThat(ids.apply(new Inventory.AgentFilter(null, null, null, Severity.LOW))).hasSize(2);
        assertThat(ids.apply(new Inventory.AgentFilter(null, null, "windows", null))).isEmpty();
        assertThat(inventory.agent(a).tags).containsExactly("prod", "web");
        assertThatThrownBy(() -> inventory.tag("operator:test", UUID.randomUUID(), List.of("x")))
                .isInstanceOf(UnknownAgentException.class);
    }
}
