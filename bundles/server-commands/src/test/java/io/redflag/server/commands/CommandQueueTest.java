// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.AgentDTO;
import io.redflag.protocol.BundleInventoryDTO;
import io.redflag.protocol.BundleState;
import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandDTO;
import io.redflag.protocol.CommandParamsDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandStatus;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.PackageCommandRequestDTO;
import io.redflag.server.store.Rows;
import io.redflag.protocol.CoreUpdateOrderDTO;
import io.redflag.server.inventory.UnknownAgentException;
import io.redflag.protocol.Polling;
import io.redflag.protocol.ScannerBreakerDTO;
import io.redflag.protocol.HostMetricsDTO;
import io.redflag.protocol.BreakerState;
import io.redflag.protocol.AgentAction;
import io.redflag.protocol.ResultStatus;
import io.redflag.protocol.SubsystemStatus;
import io.redflag.protocol.json.ProtocolJson;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.runtime.FailedScannerDTO;
import io.redflag.server.commands.internal.JdbcCommandQueue;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.TestAgents;
import io.redflag.server.inventory.TestCatalog;
import io.redflag.server.inventory.UnknownSubsystemException;
import io.redflag.server.inventory.internal.JdbcInventory;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import io.redflag.signing.SignedCommandDTO;
import io.redflag.signing.Signer;
import io.redflag.signing.internal.Ed25519Verifier;
import io.redflag.signing.internal.KeyFileSigner;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandQueueTest {

    @TempDir
    static Path keys;

    private final Database db = TestDatabase.fresh();
    private final Inventory inventory = new JdbcInventory(db, TestCatalog.aptAndStorage(), new io.redflag.server.store.internal.ChainedAuditLog(db));
    private final Signer signer = signer(keys);
    private final CommandQueue queue = new JdbcCommandQueue(db, signer, new ChainedAuditLog(db), inventory,
            TestCatalog.aptAndStorage(), pollEvery(300));

    private static JdbcCommandQueue.Config pollEvery(int seconds) {
        return config(seconds, "");
    }

    private static JdbcCommandQueue.Config config(int seconds, String minimum) {
        return config(seconds, minimum, false, false);
    }

    static JdbcCommandQueue.Config config(int seconds, String minimum, boolean approvalsRequired, boolean fourEyes) {
        return new JdbcCommandQueue.Config() {
            @Override
            public boolean approvals_required() {
                return approvalsRequired;
            }

            @Override
            public boolean approvals_four_eyes() {
                return fourEyes;
            }

            @Override
            public int poll_interval_seconds() {
                return seconds;
            }

            @Override
            public String agents_min_version() {
                return minimum;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return JdbcCommandQueue.Config.class;
            }
        };
    }

    static Signer signer(Path keys) {
        try {
            return new KeyFileSigner(new KeyFileSigner.Config() {
                @Override
                public String key_dir() {
                    return keys.toString();
                }

                @Override
                public Class<? extends Annotation> annotationType() {
                    return KeyFileSigner.Config.class;
                }
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CheckInRequestDTO running(String... scanners) {
        CheckInRequestDTO r = new CheckInRequestDTO();
        r.agentVersion = "0.1.0";
        r.scanners = List.of(scanners);
        return r;
    }

    static CommandResultDTO result(String commandId, ResultStatus status) {
        CommandResultDTO r = new CommandResultDTO();
        r.commandId = commandId;
        r.status = status;
        return r;
    }

    @Test
    void checkInsAreCountedPerMinuteAndNodesAddTheirCountsUp() throws Exception {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        JdbcCommandQueue other = new JdbcCommandQueue(db, signer, new ChainedAuditLog(db), inventory,
                TestCatalog.aptAndStorage(), pollEvery(300));
        long before = total(queue.checkInActivity(1));
        for (int i = 0; i < 3; i++) {
            queue.checkIn(a, null, running("apt"));
        }
        other.quietCheckIn(a, null, running("apt"));
        other.checkIn(a, null, running("apt"));
        // this node's own count shows at once; the other node's once it has written it (at the latest when it stops)
        assertThat(total(queue.checkInActivity(1)) - before).isEqualTo(3);
        other.close();
        io.redflag.protocol.CheckInActivityDTO hour = queue.checkInActivity(1);
        assertThat(total(hour) - before).isEqualTo(5);
        assertThat(hour.bucketSeconds).isEqualTo(60);
        assertThat(hour.checkIns).hasSize(60);
        assertThat(hour.checkIns.get(hour.checkIns.size() - 1)).as("the current minute is the last bucket").isPositive();
        io.redflag.protocol.CheckInActivityDTO fortnight = queue.checkInActivity(336);
        assertThat(fortnight.bucketSeconds).isEqualTo(168 * 60);
        assertThat(total(fortnight)).isEqualTo(total(hour));
        assertThatThrownBy(() -> queue.checkInActivity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.checkInActivity(337)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long total(io.redflag.protocol.CheckInActivityDTO activity) {
        return activity.checkIns.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void theBundlesAnAgentReportsAreKeptUntilItReportsOthersAndShownWithWhatItApplied() throws Exception {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        CheckInRequestDTO first = running("apt");
        BundleInventoryDTO snap = new BundleInventoryDTO();
        snap.symbolicName = "com.example.snap";
        snap.version = "2.0.0";
        snap.state = BundleState.ACTIVE;
        snap.sha256 = "ab".repeat(32);
        BundleInventoryDTO failed = new BundleInventoryDTO();
        failed.symbolicName = "com.example.broken";
        failed.version = "3.0.0";
        failed.state = BundleState.FAILED;
        failed.failure = "3.0.0: component failed to activate";
        first.bundles = List.of(snap, failed);
        first.appliedDesiredState = "hash-1";
        queue.checkIn(a, null, first);

        AgentDTO seen = inventory.agent(a);
        assertThat(seen.bundles).extracting(b -> b.symbolicName + " " + b.version + " " + b.state)
                .containsExactly("com.example.snap 2.0.0 active", "com.example.broken 3.0.0 failed");
        assertThat(seen.bundles.get(1).failure).contains("failed to activate");
        assertThat(seen.appliedDesiredState).isEqualTo("hash-1");
        // how far each version reached the fleet: a second agent runs the same plug-in, failed
        UUID second = TestAgents.insert(db, inventory, List.of("apt"));
        CheckInRequestDTO other = running("apt");
        BundleInventoryDTO snapFailed = new BundleInventoryDTO();
        snapFailed.symbolicName = "com.example.snap";
        snapFailed.version = "2.0.0";
        snapFailed.state = BundleState.FAILED;
        other.bundles = List.of(snapFailed);
        queue.checkIn(second, null, other);
        assertThat(inventory.bundleRollout("com.example.snap")).extracting(r -> r.version + " " + r.state + " " + r.agents)
                .containsExactlyInAnyOrder("2.0.0 active 1", "2.0.0 failed 1");
        assertThat(inventory.bundleRollout("com.example.nobody")).isEmpty();

        queue.checkIn(a, null, running("apt")); // an older agent says nothing of its bundles: what was known stays
        assertThat(inventory.agent(a).bundles).hasSize(2);
        CheckInRequestDTO later = running("apt");
        later.bundles = List.of(snap);
        queue.checkIn(a, null, later);
        assertThat(inventory.agent(a).bundles).singleElement().satisfies(b -> assertThat(b.sha256).isEqualTo(snap.sha256));
        assertThat(inventory.agent(a).appliedDesiredState).isEqualTo("hash-1");

        CheckInRequestDTO bad = running("apt");
        BundleInventoryDTO noName = new BundleInventoryDTO();
        noName.version = "1";
        bad.bundles = List.of(noName);
        assertThatThrownBy(() -> queue.checkIn(a, null, bad)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("bundles[0].symbolicName");
    }

    @Test
    void onlyTheAgentsCurrentKeyChecksInAndReportsAndDowngradesAreRefused() throws Exception {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        db.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE agents SET key_thumbprint = 'key-now', agent_version = '0.1.0' WHERE id = '" + a + "'"));
        SignedCommandDTO scan = queue.checkIn(a, "key-now", running("apt")).commands.get(0);
        // after a rebind, the old machine's unexpired token (bound to its old key) is worth nothing
        assertThatThrownBy(() -> queue.checkIn(a, "key-before", running("apt"))).isInstanceOf(AgentNotActiveException.class)
                .hasMessageContaining("no longer has");
        assertThatThrownBy(() -> queue.storeResult(a, result(scan.id, ResultStatus.COMPLETED), "key-before", "proof", new byte[0]))
                .isInstanceOf(AgentNotActiveException.class).hasMessageContaining("no longer has");

        CheckInRequestDTO older = running("apt");
        older.agentVersion = "0.0.9";
        assertThatThrownBy(() -> queue.checkIn(a, "key-now", older)).isInstanceOf(AgentDowngradeException.class)
                .hasMessageContaining("0.0.9 after 0.1.0");
        CheckInRequestDTO newer = running("apt");
        newer.agentVersion = "0.3.0";
        queue.checkIn(a, "key-now", newer);
        assertThat(inventory.agent(a).agentVersion).isEqualTo("0.3.0");
        assertThat(queue.storeResult(a, result(scan.id, ResultStatus.COMPLETED), "key-now", "proof", "{}".getBytes()).duplicate)
                .isFalse();
    }

    @Test
    void dueSubsystemsBecomeSignedScanCommandsOnceAndAMissingScannerIsMarkedUnavailable() throws Exception {
        UUID a = TestAgents.insert(db, inventory, List.of("apt", "storage"));
        CheckInResponseDTO first = queue.checkIn(a, running("apt"));
        assertThat(first.commands).singleElement().satisfies(c -> {
            assertThat(c.type).isEqualTo("scan");
            assertThat(c.agentId).isEqualTo(a.toString());
            assertThat(ProtocolJson.mapper().readValue(c.params, CommandParamsDTO.class).ecosystem).isEqualTo("apt");
        });
        new Ed25519Verifier().verify(signer.publicKey(), first.commands.get(0));
        assertThat(inventory.subsystems(a)).filteredOn(s -> s.ecosystem.equals("storage")).singleElement()
                .satisfies(s -> assertThat(s.lastStatus).isEqualTo(SubsystemStatus.UNAVAILABLE));
        // apt: handed out, not answered yet: not handed out again at once, and no second scan is scheduled; storage: its
        // scanner is there now (a plug-in swapped in), so the subsystem marked unavailable is scanned at once
        assertThat(queue.checkIn(a, running("apt", "storage")).commands).singleElement().satisfies(c ->
                assertThat(ProtocolJson.mapper().readValue(c.params, CommandParamsDTO.class).ecosystem).isEqualTo("storage"));
        assertThat(inventory.subsystems(a)).filteredOn(s -> s.ecosystem.equals("storage")).singleElement()
                .satisfies(s -> assertThat(s.lastStatus).isNull());
        assertThat(queue.checkIn(a, running("apt", "storage")).commands).isEmpty();
    }

    @Test
    void aScannerTheAgentReportsAsFailedIsShownWithItsReason() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt", "storage"));
        CheckInRequestDTO req = running("apt");
        FailedScannerDTO broken = new FailedScannerDTO();
        broken.ecosystem = "storage";
        broken.component = "io.redflag.scanner.system.internal.StorageScanner";
        broken.reason = "activation failed: oshi could not load its native library";
        req.failedScanners = List.of(broken);
        queue.checkIn(a, req);
        assertThat(inventory.agent(a).failedScanners).singleElement()
                .satisfies(f -> assertThat(f.reason).isEqualTo(broken.reason));
        assertThat(inventory.subsystems(a)).filteredOn(s -> s.ecosystem.equals("storage")).singleElement().satisfies(s -> {
            assertThat(s.lastStatus).isEqualTo(SubsystemStatus.UNAVAILABLE);
            assertThat(s.lastMessage).isEqualTo("the agent's storage scanner is not working: " + broken.reason);
        });
        // fixed on the agent: the next check-in says nothing failed, and the list empties
        queue.checkIn(a, running("apt", "storage"));
        assertThat(inventory.agent(a).failedScanners).isEmpty();
    }

    @Test
    void aResultIsStoredOnceAndACompletedScanFillsTheInventory() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        SignedCommandDTO scan = queue.checkIn(a, running("apt")).commands.get(0);
        CommandResultDTO done = result(scan.id, ResultStatus.COMPLETED);
        PackageUpdateDTO u = new PackageUpdateDTO();
        u.id = "openssl";
        u.availableVersion = "3.0.15";
        done.scan = ScanReportDTO.of(List.of(u));
        assertThat(queue.storeResult(a, done).duplicate).isFalse();
        assertThat(queue.storeResult(a, result(scan.id, ResultStatus.FAILED)).duplicate).isTrue();
        assertThat(inventory.records(a, "apt", SubsystemKind.UPDATES)).extracting(r -> r.id).containsExactly("openssl");
        CommandDTO stored = queue.describe(UUID.fromString(scan.id));
        assertThat(stored.status).isEqualTo(CommandStatus.COMPLETED);
        assertThat(stored.type).isEqualTo(CommandType.SCAN);
        assertThat(stored.result.scan.updates).extracting(x -> x.id).containsExactly("openssl");
        assertThat(inventory.subsystems(a).get(0).lastStatus).isEqualTo(SubsystemStatus.OK);
    }

    @Test
    void aResultStatusThisServerDoesNotKnowStillEndsTheCommand() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        SignedCommandDTO scan = queue.checkIn(a, running("apt")).commands.get(0);
        CommandResultDTO newer = result(scan.id, ResultStatus.UNKNOWN);
        newer.message = "deferred to the maintenance window";
        queue.storeResult(a, newer);
        CommandDTO stored = queue.describe(UUID.fromString(scan.id));
        assertThat(stored.status).isEqualTo(CommandStatus.UNKNOWN);
        assertThat(stored.result.message).isEqualTo("deferred to the maintenance window");
        assertThat(inventory.subsystems(a).get(0).lastStatus).isEqualTo(SubsystemStatus.UNKNOWN);
    }

    @Test
    void aScanWithoutStatusOrUpdatesIsStoredAsAnUnknownRunNotA500() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        SignedCommandDTO scan = queue.checkIn(a, running("apt")).commands.get(0);
        CommandResultDTO odd = result(scan.id, ResultStatus.COMPLETED);
        odd.scan = new ScanReportDTO();
        odd.scan.status = null;
        odd.scan.updates = null;
        odd.scan.notes = null;
        assertThat(queue.storeResult(a, odd).duplicate).isFalse();
        assertThat(inventory.subsystems(a).get(0).lastStatus).isEqualTo(SubsystemStatus.UNKNOWN);
        assertThat(inventory.records(a, "apt", SubsystemKind.UPDATES)).isEmpty();
    }

    @Test
    void operatorCommandsAreOnePerKindAndOnlyForInstallableSubsystems() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        PackageCommandRequestDTO dry = new PackageCommandRequestDTO();
        dry.ecosystem = "apt";
        dry.packages = List.of("openssl");
        String id = queue.request("operator:test", a, CommandType.DRY_RUN, dry).commandId;
        assertThat(queue.describe(UUID.fromString(id)).params.packages).containsExactly("openssl");
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.DRY_RUN, dry))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("still open");

        PackageCommandRequestDTO readings = new PackageCommandRequestDTO();
        readings.ecosystem = "storage";
        readings.packages = List.of("/");
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.DRY_RUN, readings))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("nothing to dry-run or install");
        readings.ecosystem = "snap";
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.DRY_RUN, readings))
                .isInstanceOf(UnknownSubsystemException.class);
        PackageCommandRequestDTO unbound = new PackageCommandRequestDTO();
        unbound.ecosystem = "apt";
        unbound.packages = List.of("openssl");
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.INSTALL, unbound))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("planHash must be");
    }

    @Test
    void anUnknownOrForeignCommandAndARevokedAgentAreRefused() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        UUID b = TestAgents.insert(db, inventory, List.of("apt"));
        SignedCommandDTO scanOfB = queue.checkIn(b, running("apt")).commands.get(0);
        assertThatThrownBy(() -> queue.storeResult(a, result(scanOfB.id, ResultStatus.COMPLETED)))
                .isInstanceOf(UnknownCommandException.class);
        assertThatThrownBy(() -> queue.describe(UUID.randomUUID())).isInstanceOf(UnknownCommandException.class);
        SignedCommandDTO scanOfA = queue.checkIn(a, running("apt")).commands.get(0);
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET status = 'revoked' WHERE id = '" + a + "'"));
        assertThatThrownBy(() -> queue.checkIn(a, running("apt"))).isInstanceOf(AgentNotActiveException.class);
        // its access token is still valid for minutes; its results are refused at once all the same
        assertThatThrownBy(() -> queue.storeResult(a, result(scanOfA.id, ResultStatus.COMPLETED)))
                .isInstanceOf(AgentNotActiveException.class);
    }

    @Test
    void whatTheAgentSaysOfItsPolicyBreakersAndHostIsKeptAndNothingOutsideItsPolicyIsQueued() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        CheckInRequestDTO monitor = running("apt");
        monitor.accepts = List.of(AgentAction.SCAN);
        ScannerBreakerDTO open = new ScannerBreakerDTO();
        open.ecosystem = "apt";
        open.state = BreakerState.OPEN;
        open.failures = 3;
        open.lastFailure = "apt-get: lock held";
        monitor.breakers = List.of(open);
        monitor.host = new HostMetricsDTO();
        monitor.host.memoryTotalBytes = 8L << 30;
        monitor.host.rebootRequired = true;
        assertThat(queue.checkIn(a, monitor).pollIntervalSeconds).as("the server's configured interval").isEqualTo(300);
        monitor.host = null; // between host readings: the last ones stay
        queue.checkIn(a, monitor);
        AgentDTO seen = inventory.agent(a);
        assertThat(seen.accepts).containsExactly(AgentAction.SCAN);
        assertThat(seen.breakers).singleElement().satisfies(b -> {
            assertThat(b.state).isEqualTo(BreakerState.OPEN);
            assertThat(b.lastFailure).isEqualTo("apt-get: lock held");
        });
        assertThat(seen.host.memoryTotalBytes).isEqualTo(8L << 30);
        assertThat(seen.host.rebootRequired).isTrue();

        PackageCommandRequestDTO dry = new PackageCommandRequestDTO();
        dry.ecosystem = "apt";
        dry.packages = List.of("openssl");
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.DRY_RUN, dry))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("local policy does not accept dry-run")
                .hasMessageContaining("[scan]");
        monitor.accepts = List.of(AgentAction.SCAN, AgentAction.DRY_RUN);
        queue.checkIn(a, monitor);
        assertThat(queue.request("operator:test", a, CommandType.DRY_RUN, dry).commandId).isNotNull();
        dry.planHash = "0".repeat(64);
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.INSTALL, dry))
                .hasMessageContaining("does not accept install");
    }

    @Test
    void aHeartbeatShortensThePollIntervalUntilItEndsOrIsStopped() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        assertThat(queue.checkIn(a, running("apt")).heartbeatUntil).isNull();
        java.time.Instant until = queue.heartbeat("operator:test", a, 10);
        assertThat(until).isBetween(java.time.Instant.now().plusSeconds(590), java.time.Instant.now().plusSeconds(601));
        CheckInResponseDTO watched = queue.checkIn(a, running("apt"));
        assertThat(watched.pollIntervalSeconds).isEqualTo(Polling.HEARTBEAT_INTERVAL_SECONDS);
        assertThat(watched.heartbeatUntil).isEqualTo(until.toString());
        assertThat(inventory.agent(a).heartbeatUntil).isEqualTo(until.toString());
        assertThat(queue.heartbeat("operator:test", a, 0)).isNull();
        assertThat(queue.checkIn(a, running("apt")).pollIntervalSeconds).isEqualTo(300);
        db.inTransaction(c -> c.createStatement().executeUpdate(
                "UPDATE agents SET heartbeat_until = now() - interval '1 second' WHERE id = '" + a + "'"));
        assertThat(queue.checkIn(a, running("apt")).heartbeatUntil).as("over").isNull();
        assertThatThrownBy(() -> queue.heartbeat("operator:test", UUID.randomUUID(), 10)).isInstanceOf(UnknownAgentException.class);
    }

    private CheckInRequestDTO coreAgent(String version) {
        CheckInRequestDTO r = running("apt");
        r.agentVersion = version;
        r.platform = "linux-amd64";
        r.accepts = List.of(AgentAction.SCAN, AgentAction.CORE_UPDATES);
        return r;
    }

    @Test
    void aCoreUpdateIsOrderedOnlyForAnAgentThatCanAndWouldTakeItWithItsOwnPlatformAndNonce() throws Exception {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        java.util.function.Function<String, java.util.Optional<String>> releases =
                p -> p.equals("linux-amd64") ? java.util.Optional.of("0.3.0") : java.util.Optional.empty();
        assertThat(queue.orderCoreUpdate("operator:test", a, releases).refused).as("never said its platform")
                .contains("too old to update its own core");
        CheckInRequestDTO seen = coreAgent("0.2.0");
        seen.accepts = List.of(AgentAction.SCAN);
        queue.checkIn(a, seen);
        assertThat(queue.orderCoreUpdate("operator:test", a, releases).refused).contains("does not accept core updates");
        queue.checkIn(a, coreAgent("0.2.0"));
        assertThat(queue.orderCoreUpdate("operator:test", a, p -> java.util.Optional.of("0.2.0")).refused)
                .contains("already runs 0.2.0");
        assertThat(queue.orderCoreUpdate("operator:test", a, p -> java.util.Optional.empty()).refused)
                .contains("no core release for linux-amd64");

        CoreUpdateOrderDTO order = queue.orderCoreUpdate("operator:test", a, releases);
        assertThat(order.refused).isNull();
        assertThat(order.version).isEqualTo("0.3.0");
        assertThat(order.platform).isEqualTo("linux-amd64");
        assertThat(queue.orderCoreUpdate("operator:test", a, releases).refused).contains("already in flight");
        SignedCommandDTO cmd = queue.checkIn(a, coreAgent("0.2.0")).commands.stream()
                .filter(c -> c.type.equals("core-update")).findFirst().orElseThrow();
        assertThat(cmd.id).isEqualTo(order.commandId);
        io.redflag.protocol.CommandParamsDTO params = Rows.fromJson(cmd.params,
                new com.fasterxml.jackson.core.type.TypeReference<io.redflag.protocol.CommandParamsDTO>() {});
        assertThat(params.nonce).matches("[0-9a-f]{32}");
        assertThat(params.coreVersion).isEqualTo("0.3.0");
        UUID b = TestAgents.insert(db, inventory, List.of("apt"));
        queue.checkIn(b, coreAgent("0.2.0"));
        assertThat(Rows.fromJson(queue.checkIn(b, coreAgent("0.2.0")).commands.stream().findFirst().map(c -> c.params)
                .orElse("{}"), new com.fasterxml.jackson.core.type.TypeReference<io.redflag.protocol.CommandParamsDTO>() {})
                .nonce).as("each order its own nonce").isNotEqualTo(params.nonce);
        assertThat(queue.orderCoreUpdate("operator:test", UUID.randomUUID(), releases).refused).contains("no active agent");
    }

    @Test
    void anAgentBelowTheMinimumGetsOnlyItsCoreUpdateAndARolledBackCoreIsNoDowngrade() throws Exception {
        CommandQueue strict = new JdbcCommandQueue(db, signer, new ChainedAuditLog(db), inventory, TestCatalog.aptAndStorage(),
                config(300, "0.3.0"));
        assertThat(strict.minimumAgentVersion()).isEqualTo("0.3.0");
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        assertThatThrownBy(() -> strict.checkIn(a, coreAgent("0.2.0"))).isInstanceOf(UpgradeRequiredException.class)
                .hasMessageContaining("below this server's minimum 0.3.0");
        assertThat(inventory.agent(a).platform).as("seen all the same").isEqualTo("linux-amd64");
        CoreUpdateOrderDTO order = strict.orderCoreUpdate("operator:test", a, p -> java.util.Optional.of("0.3.1"));
        assertThat(strict.checkIn(a, coreAgent("0.2.0")).commands).as("its update and nothing else")
                .singleElement().satisfies(c -> assertThat(c.id).isEqualTo(order.commandId));

        queue.checkIn(a, coreAgent("0.3.1")); // the new core checked in once...
        CheckInRequestDTO back = coreAgent("0.2.0"); // ...and was rolled back before its bootstrap knew
        assertThatThrownBy(() -> queue.checkIn(a, back)).isInstanceOf(AgentDowngradeException.class);
        io.redflag.protocol.CoreUpdateDTO rollback = new io.redflag.protocol.CoreUpdateDTO();
        rollback.version = "0.3.1";
        rollback.from = "0.2.0";
        rollback.outcome = io.redflag.protocol.CoreUpdateOutcome.ROLLED_BACK;
        back.coreUpdates = List.of(rollback);
        queue.checkIn(a, back);
        AgentDTO agent = inventory.agent(a);
        assertThat(agent.agentVersion).isEqualTo("0.2.0");
        assertThat(agent.coreUpdates).singleElement().satisfies(u -> assertThat(u.outcome)
                .isEqualTo(io.redflag.protocol.CoreUpdateOutcome.ROLLED_BACK));
    }

    @Test
    void anInstallApprovesOnlyAPlanADryRunOnThatAgentComputed() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        UUID b = TestAgents.insert(db, inventory, List.of("apt"));
        PackageCommandRequestDTO dry = new PackageCommandRequestDTO();
        dry.ecosystem = "apt";
        dry.packages = List.of("openssl");
        String dryRun = queue.request("operator:test", a, CommandType.DRY_RUN, dry).commandId;
        String hash = "ab".repeat(32);
        PackageCommandRequestDTO install = new PackageCommandRequestDTO();
        install.ecosystem = "apt";
        install.packages = List.of("openssl");
        install.planHash = hash;
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.INSTALL, install))
                .as("the dry run has not answered yet").isInstanceOf(CommandConflictException.class)
                .hasMessageContaining("no completed dry run of apt on this agent computed plan " + hash);
        CommandResultDTO planned = result(dryRun, ResultStatus.COMPLETED);
        planned.plan = new io.redflag.scanner.TransactionPlanDTO();
        planned.plan.hash = hash;
        queue.storeResult(a, planned);
        assertThat(queue.request("operator:test", a, CommandType.INSTALL, install).commandId).isNotNull();
        assertThatThrownBy(() -> queue.request("operator:test", b, CommandType.INSTALL, install))
                .as("another agent's plan approves nothing here").isInstanceOf(CommandConflictException.class);
        install.planHash = "cd".repeat(32);
        assertThatThrownBy(() -> queue.request("operator:test", a, CommandType.INSTALL, install))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("computed plan " + install.planHash);
    }

    private java.sql.Timestamp lastSeen(UUID agent) {
        return db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT last_seen_at FROM agents WHERE id = ?")) {
                ps.setObject(1, agent);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getTimestamp(1);
                }
            }
        });
    }

    @Test
    void aCheckInThatReportsNothingNewWritesOnlyItsTimeAndThatBehindForManyAgentsAtOnce() throws Exception {
        JdbcCommandQueue q = new JdbcCommandQueue(db, signer, new ChainedAuditLog(db), inventory, TestCatalog.aptAndStorage(),
                pollEvery(300));
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        UUID b = TestAgents.insert(db, inventory, List.of("apt"));
        q.checkIn(a, running("apt"));
        q.checkIn(b, running("apt"));
        java.sql.Timestamp first = lastSeen(a);
        assertThat(first).as("a first report is written at once").isNotNull();
        Thread.sleep(20);
        q.checkIn(a, running("apt"));
        q.checkIn(b, running("apt"));
        assertThat(lastSeen(a)).as("the same report again: nothing written yet").isEqualTo(first);
        q.flushSeen();
        assertThat(lastSeen(a)).isAfter(first);
        assertThat(lastSeen(b)).isAfter(first);

        CheckInRequestDTO changed = running("apt");
        changed.quarantinedResults = 2;
        q.checkIn(a, changed);
        assertThat(inventory.agent(a).quarantinedResults).as("a new report is written at once").isEqualTo(2);
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE agents SET status = 'revoked' WHERE id = '" + a + "'"));
        assertThatThrownBy(() -> q.checkIn(a, changed)).as("the unchanged path checks the agent is active too")
                .isInstanceOf(AgentNotActiveException.class);
        java.sql.Timestamp revokedSeen = lastSeen(a);
        q.checkIn(b, running("apt"));
        q.close();
        assertThat(lastSeen(a)).as("a revoked agent's time does not move").isEqualTo(revokedSeen);
        assertThat(lastSeen(b)).as("what was held is written when the queue stops").isAfter(first);
    }

    @Test
    void aCheckInThatChangesNothingStillFindsEverythingThatWaitsForIt() {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        String scan = queue.checkIn(a, running("apt")).commands.get(0).id;
        assertThat(queue.checkIn(a, running("apt")).commands).as("handed out, not answered: not again at once").isEmpty();
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE commands SET delivered_at = now() - interval '6 minutes' "
                + "WHERE id = '" + scan + "'"));
        assertThat(queue.checkIn(a, running("apt")).commands).as("never answered: handed out again")
                .extracting(c -> c.id).containsExactly(scan);
        queue.storeResult(a, result(scan, ResultStatus.COMPLETED));
        assertThat(queue.checkIn(a, running("apt")).commands).isEmpty();
        inventory.scanNow("op", a, "apt");
        assertThat(queue.checkIn(a, running("apt")).commands).as("made due by an operator").singleElement()
                .satisfies(c -> assertThat(c.type).isEqualTo("scan"));
        assertThat(queue.checkIn(a, running("apt")).commands).isEmpty();
        assertThat(queue.heartbeat("op", a, 5)).isNotNull();
        assertThat(queue.checkIn(a, running("apt")).heartbeatUntil).as("an operator's heartbeat, also when nothing waits")
                .isNotNull();
    }
}
