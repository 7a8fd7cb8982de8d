// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.process.ProcessCommandRunner;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.Severity;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.scanner.UpdateClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against this machine's real dnf (Debian 12 ships dnf4) and rpm, through the agent's own process runner (io.redflag.process.ProcessCommandRunner).
 * A tiny noarch package is built with rpmbuild in versions 1.0-1, 1.1-1 and 1.2-1, published with
 * createrepo_c (1.1 with a security advisory added by modifyrepo_c) and managed in an install root under a
 * temporary directory, the scanner's {@code installroot} configuration. The host's own rpm database and dnf
 * state are never touched: rpmbuild runs with {@code --nodeps} and its own database path, and dnf keeps its
 * configuration, repositories, cache, logs and rpm database inside the root.
 * <p>
 * Needs the Debian packages dnf, rpm and createrepo-c (.ci/run installs them) and root: dnf refuses to
 * install, even into an install root, for any other user. Without them the test fails, it does not skip.
 */
class DnfOnThisMachineTest {

    private static final String NAME = "redflag-probe";
    private static final String ID = NAME + ".noarch";
    private static final String ADVISORY = "RFPROBE-2026-0001";
    private static final String CVE = "CVE-2026-0001";

    @TempDir
    Path dir;

    /** The agent's own process runner: the test's commands (rpmbuild, createrepo_c, the first install, rpm's view). */
    private final CommandRunner runner = new ProcessCommandRunner();
    /** The scanner's commands, each joined with spaces, as they ran. */
    private final List<String> scannerCommands = new CopyOnWriteArrayList<>();
    /** The same runner for the scanner, recording what it runs. */
    private final CommandRunner scannerRunner = (deadline, command, environment) -> {
        scannerCommands.add(String.join(" ", command));
        return runner.run(deadline, command, environment);
    };

    @Test
    void scansPlansAndUpgradesARealPackageInAnInstallRoot() throws Exception {
        requireToolsAndRoot();
        Path repo = dir.resolve("repo");
        Path root = dir.resolve("root");
        buildPackage("1.0");
        buildPackage("1.1");
        publish(repo, "1.0", "1.1");
        prepareRoot(root, repo);
        run("dnf", "--installroot=" + root, "-y", "install", NAME + "-1.0-1");
        assertThat(installed(root)).isEqualTo(NAME + "-1.0-1.noarch");

        DnfScanner scanner = new DnfScanner(scannerRunner);
        ScanContext ctx = ScanContext.of(Instant.now().plus(Duration.ofMinutes(2)),
                Map.of(DnfDescriptor.CONFIG_INSTALLROOT, root.toString()));

        ScanReportDTO report = scanner.scan(ctx);
        assertThat(report.status).as(report.message).isEqualTo(ScanStatus.OK);
        assertThat(report.updates)
                .extracting(u -> u.id, u -> u.name, u -> u.architecture, u -> u.installedVersion, u -> u.availableVersion)
                .containsExactly(tuple(ID, NAME, "noarch", "1.0-1", "1.1-1"));
        assertThat(report.updates.get(0).advisories).containsExactly(ADVISORY);
        assertThat(report.updates.get(0).cves).containsExactly(CVE);
        assertThat(report.updates.get(0).severity).isEqualTo(Severity.IMPORTANT);
        assertThat(report.updates.get(0).security).isTrue();
        assertThat(report.updates.get(0).classification).isEqualTo(UpdateClass.SECURITY);

        TransactionPlanDTO plan = scanner.dryRun(ctx, List.of(ID));
        assertThat(plan.requested).containsExactly(ID);
        assertThat(plan.changes)
                .extracting(c -> c.action, c -> c.name, c -> c.architecture, c -> c.fromVersion, c -> c.toVersion)
                .containsExactly(tuple(ChangeAction.UPGRADE, NAME, "noarch", "1.0-1", "1.1-1"));
        String approved = TransactionPlans.hash(plan);
        assertThat(approved).isEqualTo(TransactionPlans.hash(upgradePlan("1.0-1", "1.1-1")));
        assertThat(installed(root)).as("a dry run changes nothing").isEqualTo(NAME + "-1.0-1.noarch");

        InstallResultDTO result = installApproved(scanner, ctx, List.of(ID), approved);
        assertThat(result.success).as(result.output).isTrue();
        assertThat(result.exitCode).isZero();
        assertThat(result.installed).containsExactly(ID);
        assertThat(result.message).isEqualTo("upgraded " + ID);
        assertThat(result.rebootRequired).as("an install root never asks the host for a reboot").isFalse();
        assertThat(installed(root)).isEqualTo(NAME + "-1.1-1.noarch");
        assertThat(Files.readString(root.resolve("usr/share/" + NAME + "/version"))).isEqualTo("1.1\n");

        // the repository moves on after the approval: the host's plan is now 1.1-1 -> 1.2-1, not the approved one
        buildPackage("1.2");
        publish(repo, "1.0", "1.1", "1.2");
        // metadata_expire=0 means "older than 0 s" in whole seconds: within the second of the last download
        // dnf would still trust its cache, so tell it the repository changed, as an operator would
        run("dnf", "--installroot=" + root, "clean", "expire-cache");
        String now = TransactionPlans.hash(upgradePlan("1.1-1", "1.2-1"));
        assertThatThrownBy(() -> installApproved(scanner, ctx, List.of(ID), approved))
                .isInstanceOf(ScanException.class)
                .hasMessage("the host's plan (" + now + ") differs from the approved plan (" + approved
                        + "); nothing was installed");
        assertThat(installed(root)).isEqualTo(NAME + "-1.1-1.noarch");

        // every command the scanner ran was about the install root, none about the host's own packages
        String dnf = "dnf --installroot=" + root + " ";
        String rpmQuery = "rpm --root=" + root + " -q --qf " + InstalledVersions.QUERY_FORMAT + " " + NAME;
        String dryRun = dnf + "--assumeno upgrade " + ID;
        assertThat(scannerCommands).containsExactly(
                dnf + "check-update", rpmQuery, dnf + "updateinfo list --updates", dnf + "updateinfo list --updates --with-cve",
                dryRun, rpmQuery,
                dryRun, rpmQuery, dnf + "-y upgrade " + ID,
                dryRun, rpmQuery);
    }

    /**
     * What the agent's CommandExecutor does before an install (it needs the whole agent runtime): a fresh
     * dry run whose hash must equal the approved plan's, then the install; otherwise nothing is installed.
     */
    private static InstallResultDTO installApproved(DnfScanner scanner, ScanContext ctx, List<String> ids,
            String approvedHash) throws ScanException {
        String now = TransactionPlans.hash(scanner.dryRun(ctx, ids));
        if (!now.equals(approvedHash)) {
            throw new ScanException("the host's plan (" + now + ") differs from the approved plan (" + approvedHash
                    + "); nothing was installed");
        }
        return scanner.install(ctx, ids);
    }

    private static TransactionPlanDTO upgradePlan(String from, String to) {
        PackageChangeDTO c = new PackageChangeDTO();
        c.action = ChangeAction.UPGRADE;
        c.name = NAME;
        c.architecture = "noarch";
        c.fromVersion = from;
        c.toVersion = to;
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.changes.add(c);
        return plan;
    }

    private void requireToolsAndRoot() {
        List<String> missing = new ArrayList<>();
        // looked up on PATH, not run: even `dnf --version` opens the host's rpm database and writes its log
        List<String> path = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"));
        for (String tool : List.of("dnf", "rpm", "rpmbuild", "createrepo_c", "modifyrepo_c")) {
            if (path.stream().noneMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)))) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            fail("missing " + missing + ": this test runs the real dnf; run `apt-get install dnf rpm createrepo-c`");
        }
        String uid = runner.run(Instant.now().plusSeconds(10), List.of("id", "-u"), Map.of()).stdout.strip();
        if (!uid.equals("0")) {
            fail("this test must run as root (uid " + uid + "): dnf refuses to install, even into an install root, "
                    + "for any other user");
        }
    }

    /** A noarch package with one file, /usr/share/redflag-probe/version, holding its version. */
    private void buildPackage(String version) throws IOException {
        Path spec = dir.resolve(NAME + ".spec");
        if (!Files.exists(spec)) {
            Files.writeString(spec, """
                    Name:      redflag-probe
                    Version:   %{probe_version}
                    Release:   1
                    Summary:   Package for RedFlag's DNF scanner test
                    License:   Apache-2.0
                    BuildArch: noarch

                    %description
                    One file under /usr/share, nothing else.

                    %install
                    mkdir -p %{buildroot}/usr/share/redflag-probe
                    echo %{version} > %{buildroot}/usr/share/redflag-probe/version

                    %files
                    /usr/share/redflag-probe/version
                    """);
        }
        Path build = dir.resolve("build");
        // --nodeps and a private database path: rpmbuild would otherwise open (and create) the host's ~/.rpmdb
        run("rpmbuild", "-bb", "--nodeps", "--define", "_topdir " + build, "--define", "_dbpath " + build.resolve("rpmdb"),
                "--define", "probe_version " + version, spec.toString());
    }

    /** A fresh repository with the given versions; 1.1 comes with a security advisory and a CVE. */
    private void publish(Path repo, String... versions) throws IOException {
        if (Files.exists(repo)) {
            try (var files = Files.walk(repo)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(repo);
        for (String v : versions) {
            String file = NAME + "-" + v + "-1.noarch.rpm";
            Files.copy(dir.resolve("build/RPMS/noarch/" + file), repo.resolve(file));
        }
        run("createrepo_c", "-q", repo.toString());
        Path updateinfo = dir.resolve("updateinfo.xml");
        Files.writeString(updateinfo, """
                <?xml version="1.0" encoding="UTF-8"?>
                <updates>
                  <update from="redflag@example.invalid" status="stable" type="security" version="1">
                    <id>%s</id>
                    <title>redflag-probe 1.1 fixes a flaw</title>
                    <severity>Important</severity>
                    <issued date="2026-01-15 00:00:00"/>
                    <description>Test advisory.</description>
                    <references>
                      <reference href="https://www.cve.org/CVERecord?id=%2$s" id="%2$s" type="cve" title="%2$s"/>
                    </references>
                    <pkglist>
                      <collection short="probe">
                        <name>probe</name>
                        <package name="redflag-probe" version="1.1" release="1" epoch="0" arch="noarch">
                          <filename>redflag-probe-1.1-1.noarch.rpm</filename>
                        </package>
                      </collection>
                    </pkglist>
                  </update>
                </updates>
                """.formatted(ADVISORY, CVE));
        run("modifyrepo_c", "--mdtype=updateinfo", updateinfo.toString(), repo.resolve("repodata").toString());
    }

    /**
     * The root's own dnf.conf and repository file, which dnf reads instead of the host's. The packages are
     * not signed (gpgcheck=0 for this repository only); metadata_expire=0 so that dnf reads the repository
     * again on every call, as a host whose cache expired does (by default dnf trusts its cache for 48 hours); a repository that cannot
     * be read is an error, not silently skipped (Debian's /etc/dnf/dnf.conf says skip_if_unavailable=True).
     */
    private static void prepareRoot(Path root, Path repo) throws IOException {
        Files.createDirectories(root.resolve("etc/dnf"));
        Files.createDirectories(root.resolve("etc/yum.repos.d"));
        Files.writeString(root.resolve("etc/dnf/dnf.conf"), """
                [main]
                gpgcheck=1
                skip_if_unavailable=False
                install_weak_deps=False
                """);
        Files.writeString(root.resolve("etc/yum.repos.d/redflag-probe.repo"), """
                [redflag-probe]
                name=RedFlag test packages
                baseurl=file://%s
                gpgcheck=0
                metadata_expire=0
                """.formatted(repo));
    }

    /** What rpm says is installed in the root (rpm's own answer, not the scanner's). */
    private String installed(Path root) {
        return run("rpm", "--root=" + root, "-q", NAME).stdout.strip();
    }

    private CommandResult run(String... command) {
        CommandResult r = runner.run(Instant.now().plusSeconds(60), List.of(command), Map.of());
        if (r.exitCode != 0 || r.timedOut) {
            fail(String.join(" ", command) + " exited with " + r.exitCode + (r.timedOut ? " (timed out)" : "")
                    + "\nstdout:\n" + r.stdout + "\nstderr:\n" + r.stderr);
        }
        return r;
    }
}
