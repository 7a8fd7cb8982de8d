// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AptScanner} against a {@link ScriptedRunner} fed with captured output (see apt/CAPTURES.md). */
class AptScannerTest {

    private static final String WARNING = "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n";
    private static final String LIST = "apt list --upgradable";
    private static final String ARCH = "dpkg --print-architecture";
    private static final String SIMULATE = "apt-get -s -o Debug::NoLocking=1 upgrade";
    private static final String POLICY = "apt-cache policy";
    private static final String DRY_RUN = "apt-get -s -o Debug::NoLocking=1 install --only-upgrade -y";
    private static final String INSTALL = "apt-get install -y --only-upgrade -o Dpkg::Options::=--force-confdef"
            + " -o Dpkg::Options::=--force-confold";
    private static final String REBOOT = "test -e /var/run/reboot-required";
    private static final String SHOW = "apt-cache show --no-all-versions";

    private final ScriptedRunner runner = new ScriptedRunner();
    private final AptScanner scanner = new AptScanner(runner);

    private ScriptedRunner sandboxHost() {
        return runner.answer(LIST, 0, Fixtures.text("apt/sandbox/list.stdout"), WARNING)
                .answer(ARCH, 0, "amd64\n", "")
                .answer(SIMULATE, 0, Fixtures.text("apt/sandbox/sim-upgrade.stdout"), "")
                .answer(POLICY, 0, Fixtures.text("apt/sandbox/policy-kept.stdout"), "");
    }

    @Test
    void leavesOutPhasedUpdatesThatOldAptCallsKeptBack() throws ScanException {
        sandboxHost();

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).hasSize(137).extracting(u -> u.id)
                .contains("libssl3", "libssl3:i386", "curl", "libcurl4").doesNotContain("gzip", "tar");
        assertThat(report.notes).hasSize(4)
                .anyMatch(n -> n.startsWith("gzip 1.12-1+rf1 is a phased update not yet offered"))
                .anyMatch(n -> n.startsWith("tar 1.34+dfsg-1.2+deb12u1+rf1 is a phased update"))
                .anyMatch(n -> n.startsWith("curl is kept back"))
                .anyMatch(n -> n.startsWith("libcurl4 is kept back"));
        assertThat(runner.commands()).hasSize(5).startsWith(LIST, ARCH, SIMULATE, POLICY + " curl gzip libcurl4 tar");
        // sizes are asked for exactly the updates reported, in one call
        assertThat(runner.commands().get(4)).startsWith(SHOW + " ").contains(" libssl3:i386").doesNotContain(" gzip");
        assertThat(runner.environments()).allSatisfy(env -> assertThat(env).containsEntry("LC_ALL", "C"));
    }

    @Test
    void leavesOutUpdatesNewAptDefersByPhasing() throws ScanException {
        sandboxHost().answer(SIMULATE, 0, Fixtures.text("apt/synthetic/sim-upgrade-deferred-by-phasing.stdout"), "");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.updates).extracting(u -> u.id).doesNotContain("gzip", "tar").contains("curl");
        // only the kept-back ones need a policy check
        assertThat(runner.commands()).contains(POLICY + " curl libcurl4");
    }

    @Test
    void scansARealHostWithNothingKeptBack() throws ScanException {
        runner.answer(LIST, 0, Fixtures.text("apt/list-upgradable.stdout"), Fixtures.text("apt/list-upgradable.stderr"))
                .answer(ARCH, 0, "amd64\n", "")
                .answer(SIMULATE, 0, Fixtures.text("apt/sim-upgrade.stdout"), "")
                .answer(SHOW, 0, Fixtures.text("apt/show-candidates.stdout"), "");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.message).isNull();
        assertThat(report.updates).hasSize(136);
        assertThat(report.notes).isEmpty();
        assertThat(runner.commands()).hasSize(4).startsWith(LIST, ARCH, SIMULATE);
        // every candidate of this host has its Size in apt's cache (an "all" package among them)
        assertThat(report.updates).allSatisfy(u -> assertThat(u.downloadSize).as(u.id).isNotNull().isPositive());
        assertThat(report.updates).filteredOn(u -> u.id.equals("apt-transport-https")).singleElement()
                .satisfies(u -> assertThat(u.architecture).isEqualTo("all"));
    }

    @Test
    void aMissingAptIsAStatusNotAnException() throws ScanException {
        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(report.message).contains("apt");
        assertThat(runner.runs()).hasSize(1);
    }

    @Test
    void aFailingAptListFailsTheScanWithAptsReason() throws ScanException {
        runner.answer(LIST, 100, "", WARNING + "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\n");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).isEqualTo("apt list exited with code 100: Could not open lock file"
                + " /var/lib/apt/lists/lock - open (13: Permission denied)");
        assertThat(report.updates).isEmpty();
    }

    @Test
    void aTimedOutListingIsAFailureNotAnEmptyList() throws ScanException {
        runner.timeout(LIST, "Listing...\n");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("deadline");
    }

    @Test
    void withoutTheSimulationTheListingIsPartial() throws ScanException {
        sandboxHost().answer(SIMULATE, 100, "Reading package lists...\n", "E: The package lists or status file could not be parsed or opened.\n");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).contains("phased", "could not be parsed or opened");
        assertThat(report.updates).hasSize(139);
    }

    @Test
    void anUnreadableSimulationAlsoMakesThePartial() throws ScanException {
        sandboxHost().answer(SIMULATE, 0, "", "");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).contains("not apt-get simulation output");
        assertThat(report.updates).hasSize(139);
    }

    @Test
    void anEmptyListingNeedsNoSimulation() throws ScanException {
        runner.answer(LIST, 0, "Listing...\n", WARNING).answer(ARCH, 0, "amd64\n", "");

        ScanReportDTO report = scanner.scan(ScanContexts.standard());

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).isEmpty();
        assertThat(runner.commands()).containsExactly(LIST, ARCH);
    }

    @Test
    void withoutDpkgTheArchitectureIsGuessed() throws ScanException {
        sandboxHost().answer(ARCH, 2, "", "dpkg: error\n");

        assertThat(scanner.scan(ScanContexts.standard()).updates).extracting((PackageUpdateDTO u) -> u.id).contains("libssl3:i386");
    }

    @Test
    void dryRunSimulatesExactlyTheRequestedPackages() throws ScanException {
        List<String> ids = List.of("openssl", "libssl3", "login", "passwd", "ca-certificates", "libnss3", "krb5-locales");
        runner.answer(DRY_RUN, 0, Fixtures.text("apt/dryrun-security-epoch.stdout"), "");

        TransactionPlanDTO plan = scanner.dryRun(ScanContexts.standard(), ids);

        assertThat(runner.runs()).containsExactly(concat(AptScanner.DRY_RUN, ids));
        assertThat(runner.environments().get(0)).containsEntry("LC_ALL", "C").containsEntry("LANG", "C");
        assertThat(plan.requested).isEqualTo(ids);
        assertThat(plan.changes).hasSize(26);
        // --only-upgrade still pulls in the upgrades the requested ones depend on
        assertThat(plan.changes).filteredOn(c -> c.action == ChangeAction.UPGRADE).extracting(c -> c.name)
                .contains("libkrb5-3", "libnss3-dev");
        assertThat(plan.hash).isNull();
    }

    @Test
    void dryRunOfAForeignArchitecturePackage() throws ScanException {
        runner.answer(DRY_RUN, 0, Fixtures.text("apt/sandbox/dryrun-multiarch.stdout"), "");

        TransactionPlanDTO plan = scanner.dryRun(ScanContexts.standard(), List.of("libssl3", "libssl3:i386", "openssl"));

        assertThat(runner.commands()).containsExactly(DRY_RUN + " libssl3 libssl3:i386 openssl");
        assertThat(plan.changes).filteredOn(c -> "i386".equals(c.architecture)).hasSize(2);
    }

    @Test
    void dryRunRefusesAnythingButPackageNamesBeforeRunningAnything() {
        for (String bad : List.of("-oAPT::Get::AllowUnauthenticated=1", "openssl=3.0.17-1~deb12u2", "openssl/bookworm",
                "open ssl", "", "OpenSSL")) {
            assertThatThrownBy(() -> scanner.dryRun(ScanContexts.standard(), List.of("bash", bad)))
                    .isInstanceOf(ScanException.class).hasMessageContaining("not a Debian package name");
            assertThatThrownBy(() -> scanner.install(ScanContexts.standard(), List.of(bad)))
                    .isInstanceOf(ScanException.class);
        }
        assertThat(runner.runs()).isEmpty();
    }

    @Test
    void dryRunFailsWithAptsReason() {
        runner.answer(DRY_RUN, 100, Fixtures.text("apt/dryrun-unknown-package.stdout"), Fixtures.text("apt/dryrun-unknown-package.stderr"));

        assertThatThrownBy(() -> scanner.dryRun(ScanContexts.standard(), List.of("chrony", "bash", "nosuchpkg-xyz")))
                .isInstanceOf(ScanException.class)
                .hasMessage("apt-get -s install exited with code 100: Unable to locate package nosuchpkg-xyz");
    }

    @Test
    void dryRunOfAHeldPackageFails() {
        runner.answer(DRY_RUN, 100, Fixtures.text("apt/sandbox/dryrun-held.stdout"), Fixtures.text("apt/sandbox/dryrun-held.stderr"));

        assertThatThrownBy(() -> scanner.dryRun(ScanContexts.standard(), List.of("curl")))
                .isInstanceOf(ScanException.class).hasMessageContaining("Held packages were changed");
    }

    @Test
    void dryRunWithoutAptGetIsAnException() {
        assertThatThrownBy(() -> scanner.dryRun(ScanContexts.standard(), List.of("bash")))
                .isInstanceOf(ScanException.class).hasMessageContaining("apt-get is not installed");
    }

    @Test
    void dryRunOfNothingRunsNothing() throws ScanException {
        TransactionPlanDTO plan = scanner.dryRun(ScanContexts.standard(), List.of());

        assertThat(plan.changes).isEmpty();
        assertThat(runner.runs()).isEmpty();
    }

    @Test
    void installRunsNonInteractivelyAndReportsWhatDpkgSetUp() throws ScanException {
        // SYNTHETIC transcript: nothing may be installed on the capture host
        runner.answer(INSTALL, 0, Fixtures.text("apt/synthetic/install-openssl-login.stdout"), "")
                .answer(REBOOT, 0, "", "");
        List<String> ids = List.of("openssl", "libssl3", "login", "curl");

        InstallResultDTO result = scanner.install(ScanContexts.standard(), ids);

        assertThat(runner.runs()).containsExactly(concat(AptScanner.INSTALL, ids), AptScanner.REBOOT_CHECK);
        assertThat(runner.environments().get(0)).containsEntry("DEBIAN_FRONTEND", "noninteractive")
                .containsEntry("LC_ALL", "C");
        assertThat(result.success).isTrue();
        assertThat(result.exitCode).isZero();
        // libssl3 appears as "Setting up libssl3:amd64 (…)"; curl was not touched
        assertThat(result.installed).containsExactly("openssl", "libssl3", "login");
        assertThat(result.message).isEqualTo("upgraded 3 of 4 requested packages; not upgraded: curl");
        assertThat(result.rebootRequired).isTrue();
        assertThat(result.output).contains("Setting up openssl (3.0.22-1~deb12u2) ...");
    }

    @Test
    void aFailedInstallSaysWhyAndCountsNoFailedPackage() throws ScanException {
        // SYNTHETIC transcript: openssl's postinst fails after "Setting up"
        runner.answer(INSTALL, 100, Fixtures.text("apt/synthetic/install-dpkg-error.stdout"),
                Fixtures.text("apt/synthetic/install-dpkg-error.stderr")).answer(REBOOT, 1, "", "");

        InstallResultDTO result = scanner.install(ScanContexts.standard(), List.of("openssl"));

        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(100);
        assertThat(result.installed).isEmpty();
        assertThat(result.message).isEqualTo("apt-get failed with exit code 100: Sub-process /usr/bin/dpkg returned an error code (1)");
        assertThat(result.output).endsWith("E: Sub-process /usr/bin/dpkg returned an error code (1)\n");
        assertThat(result.rebootRequired).isFalse();
    }

    @Test
    void installWithoutAptGetFailsWithoutAnException() throws ScanException {
        InstallResultDTO result = scanner.install(ScanContexts.standard(), List.of("openssl"));

        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(127);
        assertThat(result.message).contains("not installed");
        assertThat(runner.runs()).hasSize(1);
    }

    @Test
    void aHugeInstallOutputIsTrimmedKeepingItsEnd() {
        String output = "x".repeat(200_000) + "E: the reason\n";

        String trimmed = InstallResultDTO.excerpt(output);

        assertThat(trimmed.length()).isLessThan(InstallResultDTO.MAX_OUTPUT + 100);
        assertThat(trimmed).endsWith("E: the reason\n").contains("characters left out");
        assertThat(InstallResultDTO.excerpt("short")).isEqualTo("short");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
