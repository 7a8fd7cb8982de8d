// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.ResultStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.signing.SignedCommandDTO;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<String> installs = new ArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A scanner whose plan upgrades each asked package from 1 to 2. */
    private final PackageScanner fake = new PackageScanner() {
        @Override
        public ScanReportDTO scan(ScanContext ctx) throws ScanException {
            if (ctx.configuration().containsKey("explode")) {
                throw new ScanException("apt list printed nonsense");
            }
            return ScanReportDTO.of(List.of());
        }

        @Override
        public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) {
            TransactionPlanDTO plan = new TransactionPlanDTO();
            packages.forEach(p -> plan.changes.add(PackageChangeDTO.of(ChangeAction.UPGRADE, p, "1", "2")));
            return plan;
        }

        @Override
        public InstallResultDTO install(ScanContext ctx, List<String> packages) {
            installs.addAll(packages);
            InstallResultDTO r = new InstallResultDTO();
            r.success = true;
            r.output = "y".repeat(InstallResultDTO.MAX_OUTPUT * 3);
            return r;
        }
    };

    private CommandExecutor executor(PackageScanner scanner) {
        ScannerRegistry registry = new ScannerRegistry();
        registry.addScanner(scanner, Map.of("service.id", 1L, "scanner.ecosystem", "apt"));
        return new CommandExecutor(registry, pool);
    }

    static SignedCommandDTO command(String type, String params) {
        SignedCommandDTO c = new SignedCommandDTO();
        c.id = "c-" + type;
        c.type = type;
        c.params = params;
        return c;
    }

    private static String planHash(String... packages) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        for (String p : packages) {
            plan.changes.add(PackageChangeDTO.of(ChangeAction.UPGRADE, p, "1", "2"));
        }
        return TransactionPlans.hash(plan);
    }

    @Test
    void installsOnlyWhenTheHostsPlanIsTheApprovedOne() {
        String approved = planHash("openssl");
        CommandResultDTO ok = executor(fake).execute(command(SignedCommandDTO.TYPE_INSTALL,
                "{\"ecosystem\":\"apt\",\"packages\":[\"openssl\"],\"planHash\":\"" + approved + "\"}"));
        assertThat(ok.status).isEqualTo(ResultStatus.COMPLETED);
        assertThat(installs).containsExactly("openssl");
        InstallResultDTO result = ok.install;
        assertThat(result.output.length()).isLessThan(InstallResultDTO.MAX_OUTPUT + 100);

        // the approval was for openssl alone; the host would now also upgrade libssl3
        CommandResultDTO refused = executor(fake).execute(command(SignedCommandDTO.TYPE_INSTALL,
                "{\"ecosystem\":\"apt\",\"packages\":[\"openssl\",\"libssl3\"],\"planHash\":\"" + approved + "\"}"));
        assertThat(refused.status).isEqualTo(ResultStatus.REFUSED);
        assertThat(refused.message).contains("differs from the approved plan");
        assertThat(installs).containsExactly("openssl");

        CommandResultDTO unbound = executor(fake).execute(command(SignedCommandDTO.TYPE_INSTALL,
                "{\"ecosystem\":\"apt\",\"packages\":[\"openssl\"]}"));
        assertThat(unbound.status).isEqualTo(ResultStatus.REFUSED);
        assertThat(installs).containsExactly("openssl");
    }

    @Test
    void aScanSeesTheDescriptorsDefaultsOverlaidWithWhatTheOperatorSet() {
        List<Map<String, String>> seen = new ArrayList<>();
        PackageScanner recording = new PackageScanner() {
            @Override
            public ScanReportDTO scan(ScanContext ctx) {
                seen.add(ctx.configuration());
                return ScanReportDTO.of(List.of());
            }

            @Override
            public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) {
                return new TransactionPlanDTO();
            }

            @Override
            public InstallResultDTO install(ScanContext ctx, List<String> packages) {
                return new InstallResultDTO();
            }
        };
        ScannerRegistry registry = new ScannerRegistry();
        registry.addScanner(recording, Map.of("service.id", 1L, "scanner.ecosystem", "apt"));
        SubsystemDescriptor descriptor = new SubsystemDescriptor() {
            @Override
            public VersionOrdering versionOrdering() {
                return VersionOrderings.DPKG;
            }

            @Override
            public Map<String, String> defaultConfiguration() {
                return Map.of("installation", "system", "refresh", "true");
            }

            @Override
            public List<PackageUpdateDTO> parseScanOutput(String output) {
                return List.of();
            }
        };
        registry.addDescriptor(descriptor, Map.of("service.id", 2L, "subsystem.ecosystem", "apt", "subsystem.os", "linux",
                "subsystem.kind", "UPDATES"));
        CommandExecutor executor = new CommandExecutor(registry, pool);

        executor.execute(command(SignedCommandDTO.TYPE_SCAN, "{\"ecosystem\":\"apt\",\"config\":{\"installation\":\"user\"}}"));
        executor.execute(command(SignedCommandDTO.TYPE_SCAN, "{\"ecosystem\":\"apt\"}"));

        assertThat(seen).containsExactly(Map.of("installation", "user", "refresh", "true"),
                Map.of("installation", "system", "refresh", "true"));
    }

    @Test
    void dryRunCarriesThePlanAndItsHash() {
        CommandResultDTO r = executor(fake).execute(command(SignedCommandDTO.TYPE_DRY_RUN,
                "{\"ecosystem\":\"apt\",\"packages\":[\"bash\"]}"));
        assertThat(r.status).isEqualTo(ResultStatus.COMPLETED);
        assertThat(r.plan.hash).isEqualTo(planHash("bash"));
    }

    @Test
    void aFailingOrMissingPlugInBecomesAResultNotACrash() {
        CommandResultDTO thrown = executor(fake).execute(command(SignedCommandDTO.TYPE_SCAN,
                "{\"ecosystem\":\"apt\",\"config\":{\"explode\":\"1\"}}"));
        assertThat(thrown.status).isEqualTo(ResultStatus.FAILED);
        assertThat(thrown.message).contains("apt list printed nonsense");

        CommandResultDTO missing = executor(fake).execute(command(SignedCommandDTO.TYPE_SCAN, "{\"ecosystem\":\"snap\"}"));
        assertThat(missing.status).isEqualTo(ResultStatus.FAILED);
        assertThat(missing.message).contains("no snap scanner");

        CommandResultDTO garbage = executor(fake).execute(command(SignedCommandDTO.TYPE_SCAN, "not json"));
        assertThat(garbage.status).isEqualTo(ResultStatus.FAILED);

        CommandResultDTO unknown = executor(fake).execute(command("reboot", "{\"ecosystem\":\"apt\"}"));
        assertThat(unknown.status).isEqualTo(ResultStatus.REFUSED);
    }

    @Test
    void aPlugInReturningNothingIsAFailure() {
        PackageScanner silent = new PackageScanner() {
            @Override
            public ScanReportDTO scan(ScanContext ctx) {
                return null;
            }

            @Override
            public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) {
                return null;
            }

            @Override
            public InstallResultDTO install(ScanContext ctx, List<String> packages) {
                return null;
            }
        };
        CommandResultDTO r = executor(silent).execute(command(SignedCommandDTO.TYPE_SCAN, "{\"ecosystem\":\"apt\"}"));
        assertThat(r.status).isEqualTo(ResultStatus.FAILED);
        assertThat(r.message).contains("returned nothing");
    }

    @Test
    void aScannerThatKeepsFailingIsNotCalledWhileItsBreakerIsOpenAndOtherCommandsStillRun() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PackageScanner broken = new PackageScanner() {
            @Override
            public ScanReportDTO scan(ScanContext ctx) throws ScanException {
                calls.incrementAndGet();
                throw new ScanException("apt-get: could not get lock /var/lib/dpkg/lock-frontend");
            }

            @Override
            public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
                return fake.dryRun(ctx, packages);
            }

            @Override
            public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
                return fake.install(ctx, packages);
            }
        };
        ScannerRegistry registry = new ScannerRegistry();
        registry.addScanner(broken, Map.of("service.id", 1L, "scanner.ecosystem", "apt"));
        ScannerBreakers breakers = new ScannerBreakers();
        CommandExecutor executor = new CommandExecutor(registry, pool, breakers);
        for (int i = 0; i < 3; i++) {
            assertThat(executor.execute(command("scan", "{\"ecosystem\":\"apt\"}")).message).contains("could not get lock");
        }
        CommandResultDTO skipped = executor.execute(command("scan", "{\"ecosystem\":\"apt\"}"));
        assertThat(skipped.status).isEqualTo(ResultStatus.FAILED);
        assertThat(skipped.message).contains("circuit breaker is open until").contains("was not called");
        assertThat(calls).as("the fourth scan never reached the plug-in").hasValue(3);
        assertThat(breakers.snapshot(java.time.Instant.now())).singleElement()
                .satisfies(b -> assertThat(b.state).isEqualTo(io.redflag.protocol.BreakerState.OPEN));
    }
}
