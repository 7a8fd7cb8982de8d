// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.example.redflag.flatpak.internal.FlatpakRefs.Ref;
import org.example.redflag.flatpak.internal.FlatpakTables.Available;
import org.example.redflag.flatpak.internal.FlatpakTables.Installed;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Scans, plans and installs Flatpak updates of one installation (the system one unless configured otherwise), running
 * flatpak only through the platform's {@link CommandRunner}, always with the call's deadline. Ids are full refs
 * ({@code app/org.example.Hello/x86_64/stable}); anything else is refused before a process starts.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = FlatpakDescriptor.ECOSYSTEM)
@AgentOnly
public final class FlatpakScanner implements PackageScanner {

    private final CommandRunner runner;

    // named: an unnamed constructor reference is called "$000" in the component description, which no
    // configuration ("runner.target") can address
    @Activate
    public FlatpakScanner(@Reference(name = "runner") CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        FlatpakCommands cmd;
        try {
            cmd = FlatpakCommands.of(ctx.configuration());
        } catch (IllegalArgumentException e) {
            return ScanReportDTO.failed(e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        String partly = null;
        if (cmd.refreshAppstream()) {
            CommandResult r = run(ctx, cmd.appstream());
            if (r.toolMissing()) {
                return ScanReportDTO.toolMissing("flatpak");
            }
            if (r.timedOut) {
                return ScanReportDTO.failed("flatpak update --appstream did not finish before the deadline");
            }
            // flatpak 1.14 exits 0 when one remote's appstream cannot be fetched; only its stderr says so
            String error = FlatpakTables.lastError(r.stderr);
            if (r.exitCode != 0) {
                partly = "appstream data could not be refreshed (" + error + "): versions may be those of older builds; "
                        + "the commits are exact";
            } else if (error != null) {
                notes.add("appstream data: " + error + " (versions of that remote's updates may be out of date)");
            }
        }
        CommandResult list = run(ctx, cmd.list());
        if (list.toolMissing()) {
            return ScanReportDTO.toolMissing("flatpak");
        }
        String problem = problem("flatpak list", list);
        if (problem != null) {
            return ScanReportDTO.failed(problem);
        }
        List<Installed> installed;
        try {
            installed = FlatpakTables.installed(list.stdout);
        } catch (ScanException e) {
            return ScanReportDTO.failed(e.getMessage());
        }
        notes.addAll(goneRemotes(ctx, cmd, installed));
        Listing listing = listUpdates(ctx, cmd, origins(installed));
        if (listing.failure != null) {
            return ScanReportDTO.failed(listing.failure);
        }
        notes.addAll(listing.notes);
        ScanReportDTO report = ScanReportDTO.of(FlatpakPlans.updates(installed, listing.updates));
        report.notes.addAll(notes);
        if (!listing.failedRemotes.isEmpty()) {
            report.status = ScanStatus.PARTIAL;
            report.message = "updates from remote(s) " + String.join(", ", listing.failedRemotes) + " could not be listed";
        } else if (partly != null) {
            report.status = ScanStatus.PARTIAL;
            report.message = partly;
        }
        return report;
    }

    /** The plan: the listed builds of the requested refs, their extensions and runtimes (see {@link FlatpakPlans}). */
    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        checkRefs(packages);
        FlatpakCommands cmd = commands(ctx);
        if (packages.isEmpty()) {
            return FlatpakPlans.plan(packages, List.of(), List.of(), Map.of());
        }
        CommandResult list = run(ctx, cmd.list());
        if (list.toolMissing()) {
            throw new ScanException("flatpak is not installed on this host");
        }
        String problem = problem("flatpak list", list);
        if (problem != null) {
            throw new ScanException(problem);
        }
        List<Installed> installed = FlatpakTables.installed(list.stdout);
        Map<String, Installed> byRef = FlatpakPlans.byPartialRef(installed);
        Set<String> origins = new LinkedHashSet<>();
        for (String id : packages) {
            Installed i = byRef.get(FlatpakRefs.full(id).partial());
            if (i != null) {
                origins.add(i.origin());
            }
        }
        Listing listing = listUpdates(ctx, cmd, origins);
        if (listing.failure != null) {
            throw new ScanException(listing.failure);
        }
        if (!listing.failedRemotes.isEmpty()) {
            throw new ScanException("no plan: the updates of remote(s) " + String.join(", ", listing.failedRemotes)
                    + " could not be listed (" + String.join("; ", listing.notes) + ")");
        }
        Map<String, String> commits = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : FlatpakPlans.missingRuntimes(packages, installed, listing.updates).entrySet()) {
            CommandResult r = run(ctx, cmd.remoteCommit(m.getValue(), m.getKey()));
            if (r.timedOut) {
                throw new ScanException("flatpak remote-info did not finish before the deadline");
            }
            String commit = r.exitCode == 0 ? FlatpakTables.commit(r.stdout) : null;
            if (commit != null) {
                commits.put(m.getKey(), commit);
            }
        }
        TransactionPlanDTO plan = FlatpakPlans.plan(packages, installed, listing.updates, commits);
        plan.notes.addAll(listing.notes);
        return plan;
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        checkRefs(packages);
        FlatpakCommands cmd = commands(ctx);
        InstallResultDTO result = new InstallResultDTO();
        if (packages.isEmpty()) {
            result.success = true;
            result.message = "nothing to install";
            return result;
        }
        // the builds this install should reach: read just before, checked just after
        Map<String, String> targets = new TreeMap<>();
        CommandResult before = run(ctx, cmd.list());
        if (before.exitCode == 0 && !before.timedOut) {
            try {
                Listing listing = listUpdates(ctx, cmd, origins(FlatpakTables.installed(before.stdout)));
                listing.updates.forEach(a -> targets.put(a.ref().full(), a.commit()));
            } catch (ScanException e) {
                // without targets the check below can only say which refs changed; the install itself is not affected
            }
        }
        Map<String, String> was = commits(before);
        CommandResult r = run(ctx, cmd.install(packages));
        result.exitCode = r.exitCode;
        if (r.toolMissing()) {
            result.message = "flatpak is not installed on this host";
            return result;
        }
        result.output = InstallResultDTO.excerpt(r.stderr.isEmpty() ? r.stdout
                : r.stdout + (r.stdout.isEmpty() || r.stdout.endsWith("\n") ? "" : "\n") + r.stderr);
        Map<String, String> now = commits(run(ctx, cmd.list()));
        FlatpakInstallCheck check = FlatpakInstallCheck.of(packages, targets, was, now);
        result.installed = check.installed();
        result.success = r.exitCode == 0 && !r.timedOut && check.problems().isEmpty();
        result.message = r.timedOut ? "flatpak update did not finish before the deadline" + check.summary()
                : r.exitCode != 0 ? "flatpak update exited with code " + r.exitCode + ": " + FlatpakTables.lastError(r.stderr)
                        + check.summary()
                : check.message();
        return result;
    }

    /** The active commit of each installed ref, by partial ref as flatpak list names them; empty when the listing failed. */
    private static Map<String, String> commits(CommandResult list) {
        Map<String, String> m = new LinkedHashMap<>();
        if (list.exitCode == 0 && !list.timedOut) {
            try {
                FlatpakTables.installed(list.stdout).forEach(i -> m.put(i.ref().partial(), i.commit()));
            } catch (ScanException e) {
                // an unreadable listing: nothing is known to have changed
            }
        }
        return m;
    }

    /** The installed refs' remotes that are not configured any more: their refs are never checked, and flatpak says nothing. */
    private List<String> goneRemotes(ScanContext ctx, FlatpakCommands cmd, List<Installed> installed) {
        CommandResult r = run(ctx, cmd.remotes());
        String problem = problem("flatpak remotes", r);
        if (problem != null) {
            return List.of(problem);
        }
        Set<String> configured;
        try {
            configured = Set.copyOf(FlatpakTables.remotes(r.stdout));
        } catch (ScanException e) {
            return List.of("flatpak remotes: " + e.getMessage());
        }
        Map<String, Integer> gone = new TreeMap<>();
        installed.stream().filter(i -> !configured.contains(i.origin())).forEach(i -> gone.merge(i.origin(), 1, Integer::sum));
        List<String> notes = new ArrayList<>();
        gone.forEach((remote, n) -> notes.add("remote '" + remote + "' is no longer configured: " + n + " installed ref(s) "
                + "from it are never checked for updates"));
        return notes;
    }

    /** What remote-ls --updates found; when one remote breaks the whole listing, each remote that matters is asked alone. */
    private record Listing(List<Available> updates, List<String> notes, List<String> failedRemotes, String failure) {
    }

    private Listing listUpdates(ScanContext ctx, FlatpakCommands cmd, Set<String> origins) {
        CommandResult all = run(ctx, cmd.updates(null));
        if (all.toolMissing()) {
            return new Listing(List.of(), List.of(), List.of(), "flatpak is not installed on this host");
        }
        if (all.timedOut) {
            return new Listing(List.of(), List.of(), List.of(), "flatpak remote-ls did not finish before the deadline");
        }
        try {
            if (all.exitCode == 0) {
                return new Listing(FlatpakTables.updates(all.stdout), List.of(), List.of(), null);
            }
            // flatpak 1.14 gives up on every remote when one cannot be read (capture broken-updates)
            List<Available> updates = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            notes.add("flatpak remote-ls failed (" + FlatpakTables.lastError(all.stderr) + "); each remote installed refs "
                    + "come from was listed on its own");
            for (String remote : origins) {
                CommandResult one = run(ctx, cmd.updates(remote));
                if (one.timedOut) {
                    return new Listing(List.of(), List.of(), List.of(), "flatpak remote-ls did not finish before the deadline");
                }
                if (one.exitCode != 0) {
                    failed.add(remote);
                    notes.add("remote " + remote + ": " + FlatpakTables.lastError(one.stderr));
                } else {
                    updates.addAll(FlatpakTables.updates(one.stdout));
                }
            }
            if (!origins.isEmpty() && failed.size() == origins.size()) {
                return new Listing(List.of(), notes, failed, "flatpak remote-ls failed for every remote: "
                        + String.join("; ", notes.subList(1, notes.size())));
            }
            return new Listing(updates, notes, failed, null);
        } catch (ScanException e) {
            return new Listing(List.of(), List.of(), List.of(), e.getMessage());
        }
    }

    private static Set<String> origins(List<Installed> installed) {
        Set<String> origins = new LinkedHashSet<>();
        installed.forEach(i -> origins.add(i.origin()));
        return origins;
    }

    private CommandResult run(ScanContext ctx, List<String> command) {
        return runner.run(ctx.deadline(), command, FlatpakCommands.ENVIRONMENT);
    }

    private static FlatpakCommands commands(ScanContext ctx) throws ScanException {
        try {
            return FlatpakCommands.of(ctx.configuration());
        } catch (IllegalArgumentException e) {
            throw new ScanException(e.getMessage());
        }
    }

    /** Full refs only: a word such as "--system" or "org.x.Y//beta" would change what flatpak does. */
    static void checkRefs(List<String> packages) throws ScanException {
        if (packages == null) {
            throw new ScanException("no refs given");
        }
        for (String id : packages) {
            Ref ref = FlatpakRefs.full(id);
            if (ref == null || !ref.full().equals(id)) {
                throw new ScanException("not a flatpak ref (app|runtime/ID/ARCH/BRANCH): '" + id + "'");
            }
        }
    }

    /** Why a finished command cannot be used, or null if it can. */
    private static String problem(String what, CommandResult r) {
        if (r.toolMissing()) {
            return what + ": flatpak is not installed";
        }
        if (r.timedOut) {
            return what + " did not finish before the deadline";
        }
        if (r.exitCode != 0) {
            String error = FlatpakTables.lastError(r.stderr);
            return what + " exited with code " + r.exitCode + (error == null ? "" : ": " + error);
        }
        return null;
    }
}
