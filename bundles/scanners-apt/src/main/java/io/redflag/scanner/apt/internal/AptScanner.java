// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.apt.internal.AptListParser.Listing;
import io.redflag.scanner.apt.internal.AptSimulationParser.Simulation;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Scans, plans and installs Debian/Ubuntu updates with apt. Runs processes only through the agent's
 * {@link CommandRunner}; on the server that service is absent, so this component stays inactive there.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = AptDescriptor.ECOSYSTEM)
@AgentOnly
public final class AptScanner implements PackageScanner {

    // apt translates its output; the parsers read the C locale's wording
    static final Map<String, String> C_LOCALE = Map.of("LC_ALL", "C", "LANG", "C");
    static final Map<String, String> INSTALL_ENV = Map.of("LC_ALL", "C", "LANG", "C",
            "DEBIAN_FRONTEND", "noninteractive");

    static final List<String> LIST = List.of("apt", "list", "--upgradable");
    static final List<String> NATIVE_ARCH = List.of("dpkg", "--print-architecture");
    // -s needs no root; Debug::NoLocking lets an unprivileged agent simulate while another apt holds the lock
    static final List<String> SIMULATE_UPGRADE = List.of("apt-get", "-s", "-o", "Debug::NoLocking=1", "upgrade");
    static final List<String> POLICY = List.of("apt-cache", "policy");
    static final List<String> SHOW_CANDIDATES = List.of("apt-cache", "show", "--no-all-versions");
    static final List<String> DRY_RUN = List.of("apt-get", "-s", "-o", "Debug::NoLocking=1", "install",
            "--only-upgrade", "-y");
    // keep the admin's changed configuration files and take the maintainer's default for the others:
    // dpkg would otherwise ask, and nobody is there to answer
    static final List<String> INSTALL = List.of("apt-get", "install", "-y", "--only-upgrade",
            "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold");
    static final List<String> REBOOT_CHECK = List.of("test", "-e", "/var/run/reboot-required");


    // a Debian package name, optionally :arch. Anything else (an option such as "-oAPT::…",
    // "pkg=1.0", "pkg/suite") would change what apt-get does, so it is refused
    private static final Pattern PACKAGE_ID = Pattern.compile("[a-z0-9][a-z0-9+.\\-]*(:[a-z0-9][a-z0-9\\-]*)?");

    private final CommandRunner runner;

    @Activate
    public AptScanner(@Reference(name = "runner") CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        CommandResult list = runner.run(ctx.deadline(), LIST, C_LOCALE);
        if (list.toolMissing()) {
            return ScanReportDTO.toolMissing("apt");
        }
        // apt warns on stderr that its CLI is unstable when stdout is not a tty; that is not a failure
        String problem = problem("apt list", list);
        if (problem != null) {
            return ScanReportDTO.failed(problem);
        }
        CommandResult arch = runner.run(ctx.deadline(), NATIVE_ARCH, C_LOCALE);
        String nativeArch = arch.exitCode == 0 && !arch.timedOut ? arch.stdout.strip() : null;
        Listing listing;
        try {
            listing = AptListParser.parse(list.stdout, nativeArch);
        } catch (ScanException e) {
            // apt answered, but not with a listing this parser can read: a failed scan, not a crash
            return ScanReportDTO.failed(e.getMessage());
        }
        if (listing.updates().isEmpty()) {
            return AptReports.scanReport(listing, null, Set.of());
        }

        // apt list also shows updates apt-get upgrade will not take: phased ones, kept-back ones
        CommandResult sim = runner.run(ctx.deadline(), SIMULATE_UPGRADE, C_LOCALE);
        problem = problem("apt-get -s upgrade", sim);
        Simulation simulation = null;
        if (problem == null) {
            try {
                simulation = AptSimulationParser.parse(sim.stdout);
            } catch (ScanException e) {
                problem = e.getMessage();
            }
        }
        if (simulation == null) {
            // the listing itself is fine; only the phased/kept-back refinement is missing
            ScanReportDTO partial = AptReports.scanReport(listing, null, Set.of());
            partial.status = ScanStatus.PARTIAL;
            partial.message = "could not check for phased and kept-back updates: " + problem;
            addDownloadSizes(ctx, partial);
            return partial;
        }
        Set<String> phased = Set.of();
        List<String> extraNotes = new ArrayList<>();
        if (!simulation.keptBack().isEmpty()) {
            // apt < 2.7 files phased updates under "kept back"; its policy output tells them apart
            List<String> command = new ArrayList<>(POLICY);
            command.addAll(simulation.keptBack());
            CommandResult policy = runner.run(ctx.deadline(), command, C_LOCALE);
            String policyProblem = problem("apt-cache policy", policy);
            if (policyProblem == null) {
                phased = AptPolicyParser.phasedCandidates(policy.stdout);
            } else {
                extraNotes.add("could not tell phased from kept-back updates: " + policyProblem);
            }
        }
        ScanReportDTO report = AptReports.scanReport(listing, simulation, phased);
        report.notes.addAll(extraNotes);
        addDownloadSizes(ctx, report);
        return report;
    }

    /**
     * Fills in each update's download size from the candidate's stanza. Sizes are a nicety: when apt-cache
     * cannot answer, the updates simply carry no size.
     */
    private void addDownloadSizes(ScanContext ctx, ScanReportDTO report) {
        if (report.updates.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(SHOW_CANDIDATES);
        report.updates.forEach(u -> command.add(u.id));
        CommandResult show = runner.run(ctx.deadline(), command, C_LOCALE);
        if (show.exitCode != 0 || show.timedOut) {
            return;
        }
        Map<String, Long> sizes = AptShowParser.sizes(show.stdout);
        for (var u : report.updates) {
            int colon = u.id.indexOf(':');
            String name = colon < 0 ? u.id : u.id.substring(0, colon);
            u.downloadSize = sizes.get(AptShowParser.key(name, u.architecture, u.availableVersion));
        }
    }

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        checkIds(packages);
        if (packages.isEmpty()) {
            return AptReports.plan(new Simulation(List.of(), List.of(), Set.of(), Set.of(), Set.of()), packages);
        }
        List<String> command = new ArrayList<>(DRY_RUN);
        command.addAll(packages);
        CommandResult r = runner.run(ctx.deadline(), command, C_LOCALE);
        if (r.toolMissing()) {
            throw new ScanException("apt-get is not installed on this host");
        }
        String problem = problem("apt-get -s install", r);
        if (problem != null) {
            throw new ScanException(problem);
        }
        TransactionPlanDTO plan = AptReports.plan(AptSimulationParser.parse(r.stdout), packages);
        for (String line : r.stderr.split("\\R")) {
            if (line.startsWith("W: ") || line.startsWith("N: ")) {
                plan.notes.add(line);
            }
        }
        return plan;
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        checkIds(packages);
        InstallResultDTO result = new InstallResultDTO();
        List<String> command = new ArrayList<>(INSTALL);
        command.addAll(packages);
        CommandResult r = runner.run(ctx.deadline(), command, INSTALL_ENV);
        result.exitCode = r.exitCode;
        if (r.toolMissing()) {
            result.success = false;
            result.message = "apt-get is not installed on this host";
            return result;
        }
        String output = r.stderr.isEmpty() ? r.stdout : r.stdout + (r.stdout.endsWith("\n") ? "" : "\n") + r.stderr;
        result.output = InstallResultDTO.excerpt(output);
        result.installed = InstallOutput.upgraded(output, packages);
        result.success = r.exitCode == 0 && !r.timedOut;
        result.message = InstallOutput.summary(r, result.installed, packages);
        // Debian's and Ubuntu's packages (kernel, libc, systemd, …) touch this file when a reboot is due
        result.rebootRequired = runner.run(ctx.deadline(), REBOOT_CHECK, C_LOCALE).exitCode == 0;
        return result;
    }

    /** Refuses anything but package names, before a single process is started. */
    static void checkIds(List<String> packages) throws ScanException {
        for (String id : packages) {
            if (id == null || !PACKAGE_ID.matcher(id).matches()) {
                throw new ScanException("not a Debian package name: '" + id + "'");
            }
        }
    }

    /** Why a finished command cannot be used, or null if it can. */
    private static String problem(String what, CommandResult r) {
        if (r.toolMissing()) {
            return what + ": program not found";
        }
        if (r.timedOut) {
            return what + " did not finish before the deadline";
        }
        if (r.exitCode != 0) {
            String error = InstallOutput.lastError(r.stderr + "\n" + r.stdout);
            return what + " exited with code " + r.exitCode + (error == null ? "" : ": " + error);
        }
        return null;
    }
}
