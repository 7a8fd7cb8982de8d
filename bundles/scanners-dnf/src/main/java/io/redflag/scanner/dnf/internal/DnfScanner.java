// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.dnf.internal.AdvisoryListParser.AdvisoryRow;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Scans, plans and installs updates with dnf4 or dnf5. Both understand the same command lines (dnf5 keeps
 * {@code check-update} and {@code updateinfo} as compatibility aliases, and {@code --assumeno}, {@code -y},
 * {@code needs-restarting -r}), so the scanner does not ask which dnf it has: the parsers recognise either
 * dialect in the output.
 * <p>
 * Only active where a {@link CommandRunner} is offered, which is the agent.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = DnfDescriptor.ECOSYSTEM)
@AgentOnly
public final class DnfScanner implements PackageScanner {

    /** dnf4's and dnf5's words when no repository is enabled (they run in the C locale). */
    private static final List<String> NO_REPOSITORIES = List.of("There are no enabled repositories",
            "No repositories were loaded", "No repositories were configured");

    private static boolean noRepositories(CommandResult r) {
        String all = r.stdout + r.stderr;
        return NO_REPOSITORIES.stream().anyMatch(all::contains);
    }

    /** check-update's exit code when updates are available; 0 means none, anything else is an error. */
    static final int EXIT_UPDATES_AVAILABLE = 100;

    // A dnf package spec as we hand them out (name.arch), never starting with '-' so it cannot be an option.
    private static final Pattern PACKAGE_ID = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+:~^-]*");

    private final CommandRunner runner;

    @Activate
    public DnfScanner(@Reference(name = "commandRunner") CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        DnfCommands commands = DnfCommands.of(ctx);
        CommandResult r = runner.run(ctx.deadline(), commands.dnf(List.of("check-update")), Map.of());
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("dnf");
        }
        if (r.timedOut) {
            return ScanReportDTO.failed("dnf check-update did not finish before the deadline");
        }
        if (r.exitCode != 0 && r.exitCode != EXIT_UPDATES_AVAILABLE && noRepositories(r)) {
            // dnf installed on a host it does not manage (a Debian box with Debian's dnf package): nothing to check,
            // and nothing wrong with the scanner — said as the tool being unusable here, not counted as a failure
            ScanReportDTO report = ScanReportDTO.toolMissing("dnf");
            report.message = "dnf has no enabled repositories on this host: nothing to check for updates";
            return report;
        }
        if (r.exitCode != 0 && r.exitCode != EXIT_UPDATES_AVAILABLE) {
            return ScanReportDTO.failed("dnf check-update exited with code " + r.exitCode + ": " + errorLine(r));
        }
        CheckUpdateParser.Result parsed;
        try {
            parsed = CheckUpdateParser.parse(r.stdout);
        } catch (ScanException e) {
            // dnf answered, but with nothing this parser can read: a failed scan, not a crash
            return ScanReportDTO.failed(e.getMessage());
        }
        ScanReportDTO report = ScanReportDTO.of(parsed.updates());
        report.notes.addAll(parsed.notes());
        if (parsed.cutNames() > 0) {
            // an update is known to be missing from the report
            report.status = ScanStatus.PARTIAL;
            report.message = parsed.cutNames() + " update(s) left out: dnf cut their package names to fit the terminal";
        }
        if (report.updates.isEmpty()) {
            if (r.exitCode == EXIT_UPDATES_AVAILABLE) {
                report.status = ScanStatus.PARTIAL;
                report.message = "dnf check-update reported updates (exit code 100) but none could be read";
            }
            return report;
        }
        if (enabled(ctx, DnfDescriptor.CONFIG_INSTALLED_VERSIONS)) {
            addInstalledVersions(ctx, commands, report);
        }
        if (enabled(ctx, DnfDescriptor.CONFIG_ADVISORIES)) {
            addAdvisories(ctx, commands, report);
        }
        return report;
    }

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        List<String> ids = packageIds(packages);
        DnfCommands commands = DnfCommands.of(ctx);
        CommandResult r = runner.run(ctx.deadline(), commands.dnf(List.of("--assumeno", "upgrade"), ids), Map.of());
        if (r.toolMissing()) {
            throw new ScanException("dnf is not installed on this host");
        }
        if (r.timedOut) {
            throw new ScanException("dnf --assumeno upgrade did not finish before the deadline");
        }
        TransactionPlanDTO plan;
        try {
            // --assumeno always ends in a non-zero exit; the printed transaction is what counts
            plan = TransactionParser.parse(r.stdout + "\n" + r.stderr);
        } catch (ScanException e) {
            throw new ScanException("dnf --assumeno upgrade, exit code " + r.exitCode + ": " + e.getMessage(), e);
        }
        plan.requested = new ArrayList<>(ids);
        addFromVersions(ctx, commands, plan);
        return plan;
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        List<String> ids = packageIds(packages);
        DnfCommands commands = DnfCommands.of(ctx);
        CommandResult r = runner.run(ctx.deadline(), commands.dnf(List.of("-y", "upgrade"), ids), Map.of());
        if (r.toolMissing()) {
            throw new ScanException("dnf is not installed on this host");
        }
        InstallResultDTO result = new InstallResultDTO();
        result.exitCode = r.exitCode;
        result.success = r.exitCode == 0 && !r.timedOut;
        result.output = InstallResultDTO.excerpt(r.stderr.isEmpty() ? r.stdout : r.stdout + "\n" + r.stderr);
        if (result.success) {
            result.installed = new ArrayList<>(ids);
            result.message = r.stdout.contains("Nothing to do.")
                    ? "nothing to do: " + String.join(", ", ids) + " already up to date"
                    : "upgraded " + String.join(", ", ids);
            // an install root is not the running system: upgrading it never asks this host for a reboot
            result.rebootRequired = commands.onHost() && rebootRequired(ctx);
        } else if (r.timedOut) {
            result.message = "dnf -y upgrade did not finish before the deadline";
        } else {
            result.message = "dnf -y upgrade exited with code " + r.exitCode + ": " + errorLine(r);
        }
        return result;
    }

    /**
     * {@code dnf needs-restarting -r} exits 1 and says "Reboot is required" when a reboot is due (dnf4's
     * dnf-plugins-core and dnf5's plugin alike). Exit 1 alone is not enough: dnf4 without the plugin also
     * exits 1 ("No such command").
     */
    private boolean rebootRequired(ScanContext ctx) {
        CommandResult r = runner.run(ctx.deadline(), "dnf", "needs-restarting", "-r");
        return !r.timedOut && r.exitCode == 1 && (r.stdout + r.stderr).contains("Reboot is required");
    }

    private void addInstalledVersions(ScanContext ctx, DnfCommands commands, ScanReportDTO report) {
        Set<String> names = new LinkedHashSet<>();
        report.updates.forEach(u -> names.add(u.name));
        InstalledVersions installed = queryInstalled(ctx, commands, names, report.notes);
        for (PackageUpdateDTO u : report.updates) {
            u.installedVersion = installed.of(u.name, u.architecture).orElse(null);
        }
    }

    /** dnf4's table does not show what an upgrade replaces; rpm does. dnf5's "replacing" lines already did. */
    private void addFromVersions(ScanContext ctx, DnfCommands commands, TransactionPlanDTO plan) {
        Set<String> names = new LinkedHashSet<>();
        for (PackageChangeDTO c : plan.changes) {
            if (c.fromVersion == null && (c.action == ChangeAction.UPGRADE || c.action == ChangeAction.DOWNGRADE)) {
                names.add(c.name);
            }
        }
        if (names.isEmpty()) {
            return;
        }
        InstalledVersions installed = queryInstalled(ctx, commands, names, plan.notes);
        for (PackageChangeDTO c : plan.changes) {
            if (c.fromVersion == null && names.contains(c.name)) {
                c.fromVersion = installed.of(c.name, c.architecture).orElse(null);
            }
        }
    }

    private InstalledVersions queryInstalled(ScanContext ctx, DnfCommands commands, Collection<String> names,
            List<String> notes) {
        CommandResult r = runner.run(ctx.deadline(), commands.rpmQuery(names), Map.of());
        // rpm -q exits 1 when one of the names is not installed (an obsoleting package); its lines still count
        if (r.toolMissing() || r.timedOut) {
            notes.add("installed versions unknown: rpm " + (r.timedOut ? "timed out" : "is missing"));
            return InstalledVersions.parse("");
        }
        return InstalledVersions.parse(r.stdout);
    }

    private void addAdvisories(ScanContext ctx, DnfCommands commands, ScanReportDTO report) {
        List<String> missing = new ArrayList<>();
        List<AdvisoryRow> advisories = advisoryRows(ctx, commands, List.of(), "advisories", missing);
        List<AdvisoryRow> cves = advisoryRows(ctx, commands, List.of("--with-cve"), "CVE ids", missing);
        Advisories.apply(report.updates, advisories, cves);
        if (!missing.isEmpty()) {
            report.status = ScanStatus.PARTIAL;
            report.message = String.join("; ", missing);
        }
    }

    private List<AdvisoryRow> advisoryRows(ScanContext ctx, DnfCommands commands, List<String> extra, String what,
            List<String> missing) {
        List<String> cmd = commands.dnf(List.of("updateinfo", "list", "--updates"), extra);
        CommandResult r = runner.run(ctx.deadline(), cmd, Map.of());
        String problem;
        if (r.timedOut) {
            problem = "timed out";
        } else if (r.exitCode != 0) {
            problem = "exit code " + r.exitCode + ": " + errorLine(r);
        } else {
            try {
                return AdvisoryListParser.parse(r.stdout);
            } catch (ScanException e) {
                problem = e.getMessage();
            }
        }
        missing.add(what + " unavailable (" + String.join(" ", cmd) + ": " + problem + ")");
        return List.of();
    }

    private static List<String> packageIds(List<String> packages) throws ScanException {
        if (packages == null || packages.isEmpty()) {
            // `dnf upgrade` without arguments would upgrade the whole system: never do that by accident
            throw new ScanException("no packages given");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String p : packages) {
            if (p == null || !PACKAGE_ID.matcher(p).matches()) {
                throw new ScanException("not a dnf package id: " + p);
            }
            ids.add(p);
        }
        return new ArrayList<>(ids);
    }

    private static boolean enabled(ScanContext ctx, String key) {
        Map<String, String> config = ctx.configuration();
        return config == null || !"false".equalsIgnoreCase(String.valueOf(config.get(key)).strip());
    }

    private static String errorLine(CommandResult r) {
        return Text.firstLine(r.stderr + "\n" + r.stdout, "Error:", "error:");
    }
}
