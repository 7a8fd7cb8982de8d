// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

import static io.redflag.server.commands.CommandQueueTest.config;
import static io.redflag.server.commands.CommandQueueTest.result;
import static io.redflag.server.commands.CommandQueueTest.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.ApprovalDTO;
import io.redflag.protocol.ApprovalDecision;
import io.redflag.protocol.ApprovalRequestDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.InventoryRecordDTO;
import io.redflag.protocol.JobAction;
import io.redflag.protocol.JobAgentDTO;
import io.redflag.protocol.JobAgentState;
import io.redflag.protocol.JobDTO;
import io.redflag.protocol.JobRequestDTO;
import io.redflag.protocol.LifecycleState;
import io.redflag.protocol.PackageCommandRequestDTO;
import io.redflag.protocol.ResultStatus;
import io.redflag.protocol.SelectionDTO;
import io.redflag.protocol.UpdateEventDTO;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.server.commands.internal.JdbcCommandQueue;
import io.redflag.server.commands.internal.JdbcJobs;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.SubsystemDisabledException;
import io.redflag.server.inventory.TestAgents;
import io.redflag.server.inventory.TestCatalog;
import io.redflag.server.inventory.UnknownSubsystemException;
import io.redflag.server.inventory.internal.JdbcInventory;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import io.redflag.signing.Signer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update lifecycle: plans, decisions on them, installs bound to them, the history, and bulk jobs. */
class LifecycleTest {

    @TempDir
    static Path keys;

    private final Database db = TestDatabase.fresh();
    private final Inventory inventory = new JdbcInventory(db, TestCatalog.aptAndStorage(), new ChainedAuditLog(db));
    private final Signer signer = CommandQueueTest.signer(keys);

    private CommandQueue queue(boolean approvalsRequired, boolean fourEyes) {
        return new JdbcCommandQueue(db, signer, new ChainedAuditLog(db), inventory, TestCatalog.aptAndStorage(),
                config(300, "", approvalsRequired, fourEyes));
    }

    private Jobs jobs(CommandQueue queue) {
        return new JdbcJobs(db, queue, inventory, TestCatalog.aptAndStorage(), new ChainedAuditLog(db));
    }

    /** An agent whose last apt scan reported the packages pending (version 1 → 2). */
    private UUID agentWith(String hostname, String... pending) {
        UUID a = TestAgents.insert(db, inventory, List.of("apt"));
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE agents SET hostname = ? WHERE id = ?")) {
                ps.setString(1, hostname);
                ps.setObject(2, a);
                ps.executeUpdate();
            }
            ScanReportDTO scan = new ScanReportDTO();
            for (String p : pending) {
                PackageUpdateDTO u = new PackageUpdateDTO();
                u.id = p;
                u.name = p;
                u.installedVersion = "1.0";
                u.availableVersion = "2.0";
                scan.updates.add(u);
            }
            inventory.storeScan(c, a, "apt", scan);
            return null;
        });
        return a;
    }

    private static PackageCommandRequestDTO dryRun(String... packages) {
        PackageCommandRequestDTO r = new PackageCommandRequestDTO();
        r.ecosystem = "apt";
        r.packages = List.of(packages);
        return r;
    }

    /** The agent answers a dry run with a plan of that hash. */
    private static void planned(CommandQueue queue, UUID agent, String dryRunId, String hash) {
        CommandResultDTO r = result(dryRunId, ResultStatus.COMPLETED);
        r.plan = new TransactionPlanDTO();
        r.plan.hash = hash;
        queue.storeResult(agent, r);
    }

    private static ApprovalRequestDTO decision(String dryRunId, ApprovalDecision d) {
        ApprovalRequestDTO r = new ApprovalRequestDTO();
        r.dryRunId = dryRunId;
        r.decision = d;
        r.comment = "change 42";
        return r;
    }

    private static PackageCommandRequestDTO installOf(String dryRunId) {
        PackageCommandRequestDTO r = new PackageCommandRequestDTO();
        r.dryRunId = dryRunId;
        return r;
    }

    private InventoryRecordDTO record(UUID agent, String pkg) {
        return inventory.records(agent, "apt", SubsystemKind.UPDATES).stream().filter(r -> r.id.equals(pkg)).findFirst()
                .orElseThrow();
    }

    @Test
    void aDecisionIsTakenOnceOnACompletedPlanAndAnInstallCarriesExactlyThatPlan() {
        CommandQueue queue = queue(true, false);
        UUID a = agentWith("alpha", "openssl");
        String dry = queue.request("operator:ann", a, CommandType.DRY_RUN, dryRun("openssl")).commandId;
        assertThatThrownBy(() -> queue.decide("operator:bob", decision(dry, ApprovalDecision.APPROVED), null))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("has not computed a plan")
                .hasMessageContaining("yet");
        planned(queue, a, dry, "ab".repeat(32));
        assertThatThrownBy(() -> queue.request("operator:ann", a, CommandType.INSTALL, installOf(dry)))
                .as("approvals are required here").isInstanceOf(CommandConflictException.class)
                .hasMessageContaining("awaits a decision");

        ApprovalDTO ok = queue.decide("operator:bob", decision(dry, ApprovalDecision.APPROVED), null);
        assertThat(ok.planHash).isEqualTo("ab".repeat(32));
        assertThat(ok.requestedBy).isEqualTo("operator:ann");
        assertThat(ok.decidedBy).isEqualTo("operator:bob");
        assertThat(ok.packages).containsExactly("openssl");
        assertThatThrownBy(() -> queue.decide("operator:bob", decision(dry, ApprovalDecision.REJECTED), null))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("already approved by operator:bob");

        PackageCommandRequestDTO wrong = installOf(dry);
        wrong.planHash = "cd".repeat(32);
        assertThatThrownBy(() -> queue.request("operator:ann", a, CommandType.INSTALL, wrong))
                .isInstanceOf(CommandConflictException.class)
                .hasMessageContaining("planHash " + "cd".repeat(32) + " is not the plan of dry run " + dry);
        PackageCommandRequestDTO other = installOf(dry);
        other.packages = List.of("bash");
        assertThatThrownBy(() -> queue.request("operator:ann", a, CommandType.INSTALL, other))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("planned [openssl], not [bash]");
        UUID b = agentWith("beta", "openssl");
        assertThatThrownBy(() -> queue.request("operator:ann", b, CommandType.INSTALL, installOf(dry)))
                .as("another agent's dry run").isInstanceOf(CommandConflictException.class)
                .hasMessageContaining("names no dry run on this agent");

        String install = queue.request("operator:ann", a, CommandType.INSTALL, installOf(dry)).commandId;
        assertThat(queue.describe(UUID.fromString(install)).params.planHash).isEqualTo("ab".repeat(32));
        assertThat(queue.describe(UUID.fromString(install)).params.packages).containsExactly("openssl");
        assertThat(queue.describe(UUID.fromString(install)).requestedBy).isEqualTo("operator:ann");
        assertThat(queue.approvals(a, 10)).extracting(x -> x.id).containsExactly(ok.id);
        assertThat(queue.approvals(b, 10)).isEmpty();
    }

    @Test
    void aRejectedPlanIsNeverInstalledEvenWhereApprovalsAreNotRequired() {
        CommandQueue queue = queue(false, false);
        UUID a = agentWith("alpha", "openssl");
        String dry = queue.request("operator:ann", a, CommandType.DRY_RUN, dryRun("openssl")).commandId;
        planned(queue, a, dry, "ab".repeat(32));
        queue.decide("operator:bob", decision(dry, ApprovalDecision.REJECTED), null);
        PackageCommandRequestDTO byHash = dryRun("openssl");
        byHash.planHash = "ab".repeat(32);
        assertThatThrownBy(() -> queue.request("operator:ann", a, CommandType.INSTALL, byHash))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("was rejected by operator:bob");
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.REJECTED);

        // a new dry run starts over, and without a required approval its plan may be installed
        String again = queue.request("operator:ann", a, CommandType.DRY_RUN, dryRun("openssl")).commandId;
        planned(queue, a, again, "ab".repeat(32));
        assertThat(queue.request("operator:ann", a, CommandType.INSTALL, byHash).commandId).isNotNull();
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.INSTALLING);
    }

    @Test
    void theFourEyesRuleKeepsWhoeverAskedForTheDryRunFromDecidingOnIt() {
        CommandQueue queue = queue(false, true);
        UUID a = agentWith("alpha", "openssl");
        String dry = queue.request("operator:ann", a, CommandType.DRY_RUN, dryRun("openssl")).commandId;
        planned(queue, a, dry, "ab".repeat(32));
        PackageCommandRequestDTO byHash = dryRun("openssl");
        byHash.planHash = "ab".repeat(32);
        assertThatThrownBy(() -> queue.request("operator:ann", a, CommandType.INSTALL, byHash))
                .as("four eyes implies approvals").isInstanceOf(CommandConflictException.class)
                .hasMessageContaining("by someone other than operator:ann");
        assertThatThrownBy(() -> queue.decide("operator:ann", decision(dry, ApprovalDecision.APPROVED), null))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("four-eyes rule");
        queue.decide("operator:bob", decision(dry, ApprovalDecision.APPROVED), null);
        assertThat(queue.request("operator:ann", a, CommandType.INSTALL, byHash).commandId).isNotNull();
        assertThatThrownBy(() -> queue.decide("operator:bob", decision(UUID.randomUUID().toString(),
                ApprovalDecision.APPROVED), null)).isInstanceOf(UnknownCommandException.class);
    }

    @Test
    void everyStepIsKeptInTheHistoryAndThePendingRecordShowsWhereItStands() {
        CommandQueue queue = queue(true, false);
        UUID a = agentWith("alpha", "openssl", "bash");
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.PENDING);
        String dry = queue.request("operator:ann", a, CommandType.DRY_RUN, dryRun("openssl")).commandId;
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.DRY_RUN);
        assertThat(record(a, "bash").lifecycle).isEqualTo(LifecycleState.PENDING);
        planned(queue, a, dry, "ab".repeat(32));
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.PLANNED);
        queue.decide("operator:bob", decision(dry, ApprovalDecision.APPROVED), null);
        String install = queue.request("operator:ann", a, CommandType.INSTALL, installOf(dry)).commandId;
        CommandResultDTO done = result(install, ResultStatus.COMPLETED);
        done.install = new InstallResultDTO();
        done.install.success = true;
        done.install.message = "1 upgraded";
        queue.storeResult(a, done);
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.INSTALLED);
        assertThat(record(a, "openssl").lifecycleAt).isNotNull();

        List<UpdateEventDTO> history = queue.history(a, "apt", "openssl", null, 50);
        assertThat(history).extracting(e -> e.state).containsExactly(LifecycleState.INSTALLED, LifecycleState.INSTALLING,
                LifecycleState.APPROVED, LifecycleState.PLANNED, LifecycleState.DRY_RUN);
        assertThat(history).extracting(e -> e.actor).containsExactly("agent:" + a, "operator:ann", "operator:bob",
                "agent:" + a, "operator:ann");
        assertThat(history.get(0).planHash).isEqualTo("ab".repeat(32));
        assertThat(history.get(0).commandId).isEqualTo(install);
        assertThat(history.get(0).detail).isEqualTo("1 upgraded");
        assertThat(history.get(0).fromVersion).isEqualTo("1.0");
        assertThat(history.get(0).toVersion).isEqualTo("2.0");
        assertThat(history.get(2).detail).isEqualTo("change 42");
        assertThat(queue.history(a, "apt", "openssl", history.get(1).id, 50)).hasSize(3);
        assertThat(queue.history(a, "apt", "bash", null, 50)).isEmpty();

        // a newer version arriving later is pending again; the history stays
        db.inTransaction(c -> {
            ScanReportDTO scan = new ScanReportDTO();
            PackageUpdateDTO u = new PackageUpdateDTO();
            u.id = "openssl";
            u.installedVersion = "2.0";
            u.availableVersion = "3.0";
            scan.updates.add(u);
            inventory.storeScan(c, a, "apt", scan);
            return null;
        });
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.PENDING);
        assertThat(queue.history(a, null, null, null, 50)).hasSize(5);
    }

    @Test
    void aFailedInstallIsFailedWithTheAgentsWords() {
        CommandQueue queue = queue(false, false);
        UUID a = agentWith("alpha", "openssl");
        String dry = queue.request("operator:ann", a, CommandType.DRY_RUN, dryRun("openssl")).commandId;
        planned(queue, a, dry, "ab".repeat(32));
        String install = queue.request("operator:ann", a, CommandType.INSTALL, installOf(dry)).commandId;
        CommandResultDTO refused = result(install, ResultStatus.REFUSED);
        refused.message = "the plan changed since it was approved";
        queue.storeResult(a, refused);
        assertThat(record(a, "openssl").lifecycle).isEqualTo(LifecycleState.FAILED);
        assertThat(queue.history(a, "apt", "openssl", null, 1).get(0).detail)
                .isEqualTo("install refused: the plan changed since it was approved");
    }

    private static JobRequestDTO job(JobAction action, SelectionDTO selection, String... packages) {
        JobRequestDTO r = new JobRequestDTO();
        r.action = action;
        r.selection = selection;
        r.ecosystem = "apt";
        r.packages = List.of(packages);
        return r;
    }

    private static JobRequestDTO on(JobAction action, String jobId) {
        JobRequestDTO r = new JobRequestDTO();
        r.action = action;
        r.jobId = jobId;
        return r;
    }

    private static SelectionDTO ids(UUID... agents) {
        SelectionDTO s = new SelectionDTO();
        s.agentIds = java.util.Arrays.stream(agents).map(UUID::toString).toList();
        return s;
    }

    private static Map<String, JobAgentState> states(JobDTO job) {
        return job.agents.stream().collect(Collectors.toMap(a -> a.hostname, a -> a.state));
    }

    @Test
    void aBulkJobTakesSeveralAgentsFromDryRunThroughApprovalToInstallAndOneAgentsRefusalBlocksNoOther() {
        CommandQueue queue = queue(true, true);
        Jobs jobs = jobs(queue);
        UUID a = agentWith("alpha", "openssl", "bash");
        UUID b = agentWith("beta", "openssl");
        UUID c = agentWith("gamma", "curl");
        UUID d = agentWith("delta", "openssl");
        queue.request("operator:ann", d, CommandType.DRY_RUN, dryRun("openssl")); // one open already: d is skipped

        JobDTO dry = jobs.start("operator:ann", job(JobAction.DRY_RUN, ids(a, b, c, d), "openssl", "bash"));
        assertThat(dry.action).isEqualTo(JobAction.DRY_RUN);
        assertThat(dry.createdBy).isEqualTo("operator:ann");
        assertThat(states(dry)).containsEntry("alpha", JobAgentState.QUEUED).containsEntry("beta", JobAgentState.QUEUED)
                .containsEntry("gamma", JobAgentState.SKIPPED).containsEntry("delta", JobAgentState.SKIPPED);
        JobAgentDTO alpha = dry.agents.stream().filter(x -> x.hostname.equals("alpha")).findFirst().orElseThrow();
        assertThat(alpha.packages).containsExactly("openssl", "bash");
        JobAgentDTO gamma = dry.agents.stream().filter(x -> x.hostname.equals("gamma")).findFirst().orElseThrow();
        assertThat(gamma.message).isEqualTo("none of the packages is pending on this agent");
        JobAgentDTO delta = dry.agents.stream().filter(x -> x.hostname.equals("delta")).findFirst().orElseThrow();
        assertThat(delta.message).contains("still open");
        assertThat(dry.counts.total).isEqualTo(4);
        assertThat(dry.counts.queued).isEqualTo(2);
        assertThat(dry.counts.skipped).isEqualTo(2);
        assertThat(dry.finished).isFalse();
        assertThat(queue.describe(UUID.fromString(alpha.commandId)).jobId).isEqualTo(dry.id);

        // the agents take their commands and answer: alpha computes a plan, beta fails
        queue.checkIn(a, running("apt"));
        assertThat(states(jobs.job(UUID.fromString(dry.id)))).containsEntry("alpha", JobAgentState.RUNNING);
        planned(queue, a, alpha.commandId, "ab".repeat(32));
        String betaRun = dry.agents.stream().filter(x -> x.hostname.equals("beta")).findFirst().orElseThrow().commandId;
        CommandResultDTO failed = result(betaRun, ResultStatus.FAILED);
        failed.message = "apt-get: unable to locate package";
        queue.storeResult(b, failed);
        JobDTO after = jobs.job(UUID.fromString(dry.id));
        assertThat(after.finished).isTrue();
        assertThat(after.counts.completed).isEqualTo(1);
        assertThat(after.counts.failed).isEqualTo(1);
        assertThat(after.agents.stream().filter(x -> x.hostname.equals("beta")).findFirst().orElseThrow().message)
                .isEqualTo("apt-get: unable to locate package");

        // the same operator may not approve (four eyes); another does, for the agents whose dry run planned
        JobDTO selfApproved = jobs.start("operator:ann", on(JobAction.APPROVE, dry.id));
        assertThat(states(selfApproved)).containsEntry("alpha", JobAgentState.SKIPPED);
        assertThat(selfApproved.agents.get(0).message).contains("four-eyes rule");
        JobDTO approve = jobs.start("operator:bob", on(JobAction.APPROVE, dry.id));
        assertThat(approve.sourceJobId).isEqualTo(dry.id);
        assertThat(approve.ecosystem).isEqualTo("apt");
        assertThat(states(approve)).containsEntry("alpha", JobAgentState.COMPLETED).containsEntry("beta", JobAgentState.SKIPPED)
                .containsEntry("gamma", JobAgentState.SKIPPED);
        assertThat(approve.agents.stream().filter(x -> x.hostname.equals("alpha")).findFirst().orElseThrow().message)
                .isEqualTo("approved");

        JobDTO install = jobs.start("operator:ann", on(JobAction.INSTALL, dry.id));
        assertThat(states(install)).containsEntry("alpha", JobAgentState.QUEUED).containsEntry("beta", JobAgentState.SKIPPED);
        String alphaInstall = install.agents.stream().filter(x -> x.hostname.equals("alpha")).findFirst().orElseThrow().commandId;
        assertThat(queue.describe(UUID.fromString(alphaInstall)).params.planHash).isEqualTo("ab".repeat(32));
        assertThat(queue.describe(UUID.fromString(alphaInstall)).params.packages).containsExactly("openssl", "bash");
        assertThat(queue.history(a, "apt", "bash", null, 1).get(0).jobId).isEqualTo(install.id);

        assertThat(jobs.jobs(null, 10)).extracting(j -> j.id).containsExactly(install.id, approve.id, selfApproved.id, dry.id);
        assertThat(jobs.jobs(null, 10).get(0).counts.queued).isEqualTo(1);
        assertThat(jobs.jobs(UUID.fromString(approve.id), 10)).extracting(j -> j.id).containsExactly(selfApproved.id, dry.id);
    }

    @Test
    void aJobSelectsByTagOrFilterAndScansReuseAScanUnderWay() {
        CommandQueue queue = queue(false, false);
        Jobs jobs = jobs(queue);
        UUID a = agentWith("alpha");
        UUID b = agentWith("beta");
        agentWith("gamma");
        inventory.tag("operator:ann", a, List.of("web"));
        inventory.tag("operator:ann", b, List.of("web", "prod"));
        SelectionDTO web = new SelectionDTO();
        web.tag = "web";
        JobDTO scan = jobs.start("operator:ann", job(JobAction.SCAN, web));
        assertThat(scan.agents).extracting(x -> x.hostname).containsExactly("alpha", "beta");
        assertThat(scan.counts.queued).isEqualTo(2);
        // a second scan of the same agents follows the scans under way
        JobDTO again = jobs.start("operator:ann", job(JobAction.SCAN, web));
        assertThat(again.agents).extracting(x -> x.commandId).containsExactlyElementsOf(
                scan.agents.stream().map(x -> x.commandId).toList());

        inventory.updateSubsystem(b, "apt", disabled());
        SelectionDTO all = new SelectionDTO();
        all.all = true;
        JobDTO everyone = jobs.start("operator:ann", job(JobAction.SCAN, all));
        assertThat(everyone.agents).hasSize(3);
        assertThat(everyone.agents.stream().filter(x -> x.hostname.equals("beta")).findFirst().orElseThrow().message)
                .contains("not enabled");

        SelectionDTO nobody = new SelectionDTO();
        nobody.tag = "nosuchtag";
        assertThatThrownBy(() -> jobs.start("operator:ann", job(JobAction.SCAN, nobody)))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("matches no active agent");
        assertThatThrownBy(() -> jobs.start("operator:ann", job(JobAction.SCAN, ids(UUID.randomUUID()))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("names no agent");
        assertThatThrownBy(() -> jobs.start("operator:ann", job(JobAction.DRY_RUN, ids(a))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("packages");
        assertThatThrownBy(() -> jobs.start("operator:ann", job(JobAction.SCAN, new SelectionDTO())))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("selects nothing");
        JobRequestDTO bogus = job(JobAction.SCAN, ids(a));
        bogus.ecosystem = "bogus";
        assertThatThrownBy(() -> jobs.start("operator:ann", bogus)).isInstanceOf(UnknownSubsystemException.class);
        assertThatThrownBy(() -> jobs.start("operator:ann", on(JobAction.INSTALL, scan.id)))
                .isInstanceOf(CommandConflictException.class).hasMessageContaining("is a scan job");
        assertThatThrownBy(() -> jobs.start("operator:ann", on(JobAction.INSTALL, UUID.randomUUID().toString())))
                .isInstanceOf(UnknownJobException.class);
        assertThatThrownBy(() -> jobs.job(UUID.randomUUID())).isInstanceOf(UnknownJobException.class);
        assertThatThrownBy(() -> queue.scan("operator:ann", b, "apt", null)).isInstanceOf(SubsystemDisabledException.class);
    }

    private static io.redflag.protocol.SubsystemUpdateDTO disabled() {
        io.redflag.protocol.SubsystemUpdateDTO d = new io.redflag.protocol.SubsystemUpdateDTO();
        d.enabled = false;
        return d;
    }
}
