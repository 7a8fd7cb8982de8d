// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.CommandResult;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.Severity;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnfScannerTest {

    private static final ScanContext CTX = ScanContexts.with(Map.of());
    private static final String RPM_Q = "rpm -q --qf " + InstalledVersions.QUERY_FORMAT;

    /** A dnf4 host with updates, advisories and CVEs; --with-cve first: the fake matches by prefix. */
    private static ScriptedRunner dnf4Host() {
        return new ScriptedRunner()
                .answer("dnf check-update", 100, Fixtures.text("dnf/" + "reconstructed-dnf4-check-update-wrapped.txt"))
                .answer(RPM_Q, 1, Fixtures.text("dnf/" + "reconstructed-rpm-query-installed.txt"))
                .answer("dnf updateinfo list --updates --with-cve", 0,
                        Fixtures.text("dnf/" + "reconstructed-dnf4-updateinfo-list-with-cve.txt"))
                .answer("dnf updateinfo list --updates", 0, Fixtures.text("dnf/" + "reconstructed-dnf4-updateinfo-list.txt"));
    }

    private static PackageUpdateDTO update(ScanReportDTO report, String id) {
        return report.updates.stream().filter(u -> u.id.equals(id)).findFirst().orElseThrow();
    }

    @Test
    void scanCombinesCheckUpdateInstalledVersionsAdvisoriesAndCves() throws ScanException {
        ScriptedRunner runner = dnf4Host();
        ScanReportDTO report = new DnfScanner(runner).scan(CTX);

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).hasSize(12);
        assertThat(runner.commands()).containsExactly("dnf check-update",
                RPM_Q + " bash glibc grub2-tools java-latest-openjdk-headless kernel kernel-core "
                        + "pipewire-jack-audio-connection-kit-libs python3.12 qemu-img "
                        + "texlive-collection-latexrecommended python3-foo",
                "dnf updateinfo list --updates", "dnf updateinfo list --updates --with-cve");

        PackageUpdateDTO qemu = update(report, "qemu-img.x86_64");
        assertThat(qemu.installedVersion).isEqualTo("2:8.2.1-1.fc40");
        assertThat(qemu.availableVersion).isEqualTo("2:8.2.2-1.fc40");
        // Critical and Unknown/Sec. advisories: the graver one wins
        assertThat(qemu.severity).isEqualTo(Severity.CRITICAL);
        assertThat(qemu.security).isTrue();
        assertThat(qemu.classification).isEqualTo(io.redflag.scanner.UpdateClass.SECURITY);
        assertThat(qemu.advisories).containsExactly("FEDORA-2024-c3c3c3c3c3", "FEDORA-2024-d4d4d4d4d4");
        assertThat(qemu.cves).containsExactly("CVE-2024-3446");

        PackageUpdateDTO glibc32 = update(report, "glibc.i686");
        assertThat(glibc32.installedVersion).isEqualTo("2.39-4.fc40");
        assertThat(glibc32.severity).isEqualTo(Severity.MODERATE);
        assertThat(glibc32.cves).containsExactly("CVE-2024-2961", "CVE-2024-33599");

        PackageUpdateDTO kernel = update(report, "kernel.x86_64");
        assertThat(kernel.installedVersion).isEqualTo("6.8.7-300.fc40");
        assertThat(kernel.severity).isEqualTo(Severity.IMPORTANT);

        PackageUpdateDTO bash = update(report, "bash.x86_64");
        assertThat(bash.advisories).containsExactly("FEDORA-2024-1e2d3c4b5a");
        assertThat(bash.security).isFalse();
        assertThat(bash.severity).isEqualTo(Severity.UNKNOWN);
        assertThat(bash.classification).as("a bugfix advisory").isEqualTo(io.redflag.scanner.UpdateClass.BUGFIX);

        assertThat(update(report, "python3-foo.noarch").installedVersion).isNull();
        assertThat(report.notes).contains(
                "python3-foo.noarch 1.0-1.fc40 obsoletes installed python-foo.noarch 0.9-3.fc39");
    }

    @Test
    void scanOfADnf5HostUsesTheSameCommands() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .answer("dnf check-update", 100, Fixtures.text("dnf/" + "reconstructed-dnf5-check-upgrade.txt"))
                .answer(RPM_Q, 0, "bash.x86_64 0:5.2.26-1.fc41\n")
                .answer("dnf updateinfo list --updates --with-cve", 0,
                        Fixtures.text("dnf/" + "reconstructed-dnf5-advisory-list-with-cve.txt"))
                .answer("dnf updateinfo list --updates", 0,
                        "Name                   Type     Severity Package  Issued\n"
                                + "FEDORA-2024-aaaaaaaaaa security Critical qemu-img-2:9.1.2-1.fc41.x86_64 "
                                + "2024-11-30 02:01:17\n");
        ScanReportDTO report = new DnfScanner(runner).scan(CTX);

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        PackageUpdateDTO qemu = update(report, "qemu-img.x86_64");
        assertThat(qemu.advisories).containsExactly("FEDORA-2024-aaaaaaaaaa");
        assertThat(qemu.cves).containsExactly("CVE-2024-3446");
        assertThat(qemu.severity).isEqualTo(Severity.CRITICAL);
        assertThat(update(report, "bash.x86_64").installedVersion).isEqualTo("5.2.26-1.fc41");
    }

    @Test
    void noUpdatesRunsNothingElse() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answer("dnf check-update", 0, "");
        ScanReportDTO report = new DnfScanner(runner).scan(CTX);

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).isEmpty();
        assertThat(runner.runs()).hasSize(1);
    }

    @Test
    void missingDnfIsAStatus() throws ScanException {
        ScanReportDTO report = new DnfScanner(new ScriptedRunner()).scan(CTX);
        assertThat(report.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(report.message).contains("dnf");
    }

    @Test
    void dnfWithoutRepositoriesIsUnusableHereNotAFailure() throws ScanException {
        // Debian's dnf package on a Debian host, as captured on this machine
        ScriptedRunner runner = new ScriptedRunner().answer("dnf check-update", CommandResult.of(1, "",
                "Error: There are no enabled repositories in \"/etc/yum.repos.d\", \"/etc/yum/repos.d\", "
                        + "\"/etc/distro.repos.d\".\n"));
        ScanReportDTO report = new DnfScanner(runner).scan(CTX);

        assertThat(report.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(report.message).isEqualTo("dnf has no enabled repositories on this host: nothing to check for updates");
        assertThat(runner.commands()).containsExactly("dnf check-update");
    }

    @Test
    void exitCodeOneIsAFailedScanWithDnfsError() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answer("dnf check-update", CommandResult.of(1, "",
                "Errors during downloading metadata for repository 'updates':\n"
                        + "Error: Failed to download metadata for repo 'updates': Cannot download repomd.xml\n"));
        ScanReportDTO report = new DnfScanner(runner).scan(CTX);

        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).isEqualTo("dnf check-update exited with code 1: "
                + "Error: Failed to download metadata for repo 'updates': Cannot download repomd.xml");
    }

    @Test
    void timeoutIsAFailedScan() throws ScanException {
        CommandResult killed = CommandResult.of(-1, "", "");
        killed.timedOut = true;
        ScanReportDTO report = new DnfScanner(new ScriptedRunner().answer("dnf check-update", killed)).scan(CTX);
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("deadline");
    }

    @Test
    void advisoriesThatCannotBeListedMakeThePackageListPartial() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .answer("dnf check-update", 100, "bash.x86_64 5.2.26-3.fc40 updates\n")
                .answer(RPM_Q, 0, "bash.x86_64 0:5.2.26-1.fc40\n")
                .answer("dnf updateinfo list --updates --with-cve", CommandResult.of(2, "",
                        "usage: dnf updateinfo [-h]\ndnf updateinfo: error: unrecognized arguments: --with-cve\n"))
                .answer("dnf updateinfo list --updates", 0, "FEDORA-2024-1 bugfix bash-5.2.26-3.fc40.x86_64\n");
        ScanReportDTO report = new DnfScanner(runner).scan(CTX);

        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).isEqualTo("CVE ids unavailable (dnf updateinfo list --updates --with-cve: "
                + "exit code 2: dnf updateinfo: error: unrecognized arguments: --with-cve)");
        assertThat(report.updates.get(0).advisories).containsExactly("FEDORA-2024-1");
    }

    @Test
    void configurationCanTurnTheExtraQueriesOff() throws ScanException {
        ScriptedRunner runner = dnf4Host();
        ScanReportDTO report = new DnfScanner(runner).scan(ScanContexts.with(
                Map.of(DnfDescriptor.CONFIG_ADVISORIES, "false", DnfDescriptor.CONFIG_INSTALLED_VERSIONS, "FALSE")));

        assertThat(runner.commands()).containsExactly("dnf check-update");
        assertThat(report.updates).allSatisfy(u -> {
            assertThat(u.installedVersion).isNull();
            assertThat(u.advisories).isEmpty();
        });
    }

    @Test
    void dryRunParsesTheTableAndAsksRpmWhatDnf4LeftOut() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .answer("dnf --assumeno upgrade", CommandResult.of(1,
                        Fixtures.text("dnf/" + "reconstructed-dnf4-dry-run-sections.txt"), "Operation aborted.\n"))
                .answer(RPM_Q, 1, "bash.x86_64 0:5.2.26-1.fc40\npackage python3-foo is not installed\n"
                        + "qemu-img.x86_64 2:8.2.2-1.fc40\n");
        TransactionPlanDTO plan = new DnfScanner(runner).dryRun(CTX, List.of("bash.x86_64", "qemu-img.x86_64"));

        assertThat(runner.commands()).containsExactly("dnf --assumeno upgrade bash.x86_64 qemu-img.x86_64",
                RPM_Q + " bash pipewire-jack-audio-connection-kit-libs python3-foo qemu-img");
        assertThat(plan.requested).containsExactly("bash.x86_64", "qemu-img.x86_64");
        assertThat(plan.changes).filteredOn(c -> c.action == ChangeAction.UPGRADE || c.action == ChangeAction.DOWNGRADE)
                .extracting(c -> c.name, c -> c.fromVersion, c -> c.toVersion).containsExactly(
                        tuple("bash", "5.2.26-1.fc40", "5.2.26-3.fc40"),
                        tuple("pipewire-jack-audio-connection-kit-libs", null, "1.0.6-1.fc40"),
                        tuple("python3-foo", null, "1.0-1.fc40"),
                        tuple("qemu-img", "2:8.2.2-1.fc40", "2:8.2.1-1.fc40"));
    }

    @Test
    void dryRunOnDnf5NeedsNoRpmQuery() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answer("dnf --assumeno upgrade",
                CommandResult.of(1, Fixtures.text("dnf/" + "reconstructed-dnf5-dry-run-upgrade.txt"), ""));
        TransactionPlanDTO plan = new DnfScanner(runner).dryRun(CTX, List.of("qemu-img.x86_64"));

        assertThat(runner.runs()).hasSize(1);
        assertThat(plan.changes).hasSize(7);
    }

    @Test
    void dryRunWithoutTransactionThrowsWithDnfsReason() {
        ScriptedRunner runner = new ScriptedRunner().answer("dnf --assumeno upgrade", CommandResult.of(1,
                "Last metadata expiration check: 0:00:12 ago on x.\n",
                "No match for argument: nosuch.x86_64\nError: No packages marked for upgrade.\n"));
        assertThatThrownBy(() -> new DnfScanner(runner).dryRun(CTX, List.of("nosuch.x86_64")))
                .isInstanceOf(ScanException.class)
                .hasMessage("dnf --assumeno upgrade, exit code 1: dnf printed no transaction: "
                        + "Error: No packages marked for upgrade.");
    }

    @Test
    void dryRunAndInstallRefuseMissingDnfEmptyListsAndOptionLikeIds() {
        DnfScanner missing = new DnfScanner(new ScriptedRunner());
        assertThatThrownBy(() -> missing.dryRun(CTX, List.of("bash.x86_64"))).hasMessageContaining("not installed");
        assertThatThrownBy(() -> missing.install(CTX, List.of("bash.x86_64"))).hasMessageContaining("not installed");

        ScriptedRunner runner = new ScriptedRunner().answer("dnf", 0, "");
        DnfScanner scanner = new DnfScanner(runner);
        assertThatThrownBy(() -> scanner.install(CTX, List.of())).isInstanceOf(ScanException.class);
        assertThatThrownBy(() -> scanner.install(CTX, List.of("--setopt=gpgcheck=0")))
                .hasMessageContaining("not a dnf package id");
        assertThatThrownBy(() -> scanner.dryRun(CTX, List.of("bash x86_64"))).isInstanceOf(ScanException.class);
        assertThat(runner.runs()).isEmpty();
    }

    @Test
    void installUpgradesNonInteractivelyAndAsksAboutReboot() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .answer("dnf -y upgrade", 0, "Dependencies resolved.\n...\nUpgraded:\n  kernel-core-6.8.9\nComplete!\n")
                .answer("dnf needs-restarting -r", 1, "Core libraries or services have been updated since boot-up:\n"
                        + "  * kernel\n\nReboot is required to fully utilize these updates.\n"
                        + "More information: https://access.redhat.com/solutions/27943\n");
        InstallResultDTO result = new DnfScanner(runner).install(CTX, List.of("kernel.x86_64", "kernel.x86_64"));

        assertThat(runner.commands()).containsExactly("dnf -y upgrade kernel.x86_64", "dnf needs-restarting -r");
        assertThat(result.success).isTrue();
        assertThat(result.exitCode).isZero();
        assertThat(result.installed).containsExactly("kernel.x86_64");
        assertThat(result.rebootRequired).isTrue();
        assertThat(result.output).contains("Complete!");
    }

    @Test
    void withoutTheNeedsRestartingPluginNoRebootIsReported() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .answer("dnf -y upgrade", 0, "Complete!\n")
                .answer("dnf needs-restarting", CommandResult.of(1, "",
                        "No such command: needs-restarting. Please use /usr/bin/dnf --help\n"));
        assertThat(new DnfScanner(runner).install(CTX, List.of("bash.x86_64")).rebootRequired).isFalse();
    }

    @Test
    void failedInstallReportsDnfsErrorAndKeepsTheEndOfLongOutput() throws ScanException {
        String noise = "x".repeat(InstallResultDTO.MAX_OUTPUT);
        ScriptedRunner runner = new ScriptedRunner().answer("dnf -y upgrade", CommandResult.of(1, noise,
                "Error: Transaction test error:\n  file /usr/bin/foo conflicts between attempted installs\n"));
        InstallResultDTO result = new DnfScanner(runner).install(CTX, List.of("foo.x86_64"));

        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.installed).isEmpty();
        assertThat(result.message).isEqualTo("dnf -y upgrade exited with code 1: Error: Transaction test error:");
        assertThat(result.output).contains("characters left out").endsWith("conflicts between attempted installs\n");
        assertThat(result.output.length()).isLessThan(InstallResultDTO.MAX_OUTPUT + 100);
        assertThat(runner.runs()).hasSize(1);
    }
}
