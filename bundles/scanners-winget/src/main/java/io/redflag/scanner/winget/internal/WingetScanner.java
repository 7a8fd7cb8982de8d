// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.text.ToolText;
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
import io.redflag.scanner.winget.internal.WingetTableParser.Listing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Lists and installs application upgrades with winget, by winget Id. Runs processes only through the
 * agent's {@link CommandRunner}; on the server that service is absent, so this component stays
 * inactive there.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = WingetDescriptor.ECOSYSTEM)
@AgentOnly
public final class WingetScanner implements PackageScanner {

    /**
     * {@code --include-unknown}: also list packages whose installed version winget cannot tell (shown as
     * "Unknown"), which it otherwise only counts in a footer. {@code --accept-source-agreements}: the
     * msstore source asks once to accept its terms; with stdin closed winget would fail instead.
     * {@code --disable-interactivity} (winget 1.4+): never prompt.
     */
    static final List<String> LIST_ARGS = List.of("upgrade", "--include-unknown", "--accept-source-agreements",
            "--disable-interactivity");
    /** {@code --exact}: the Id matches exactly (no substring match on another package). */
    static final List<String> INSTALL_ARGS = List.of("--exact", "--silent", "--accept-package-agreements",
            "--accept-source-agreements", "--disable-interactivity");


    // winget's exit codes are HRESULTs (winget-cli doc/windows/package-manager/winget/returnCodes.md)
    static final int INVALID_CL_ARGUMENTS = 0x8A150002;
    static final int REBOOT_REQUIRED_TO_FINISH = 0x8A150109;
    static final int REBOOT_INITIATED = 0x8A15010B;
    static final int ERROR_SUCCESS_REBOOT_REQUIRED = 3010;
    static final int ERROR_SUCCESS_REBOOT_INITIATED = 1641;

    // a winget Id (Vendor.Package, a Store product id, ARP\…): no blanks, no quotes, and never an
    // option: "--source x" or "-h" as an "Id" would change what winget does
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_][^\\s\"<>|*?\u2026]{0,255}");

    private final CommandRunner runner;

    @Activate
    public WingetScanner(@Reference(name = "runner") CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        String structuredProblem = null;
        String powershell = powershell(ctx);
        if (powershell != null) {
            CommandResult p = runner.run(ctx.deadline(), WingetPowerShell.command(powershell), Map.of());
            structuredProblem = structuredProblem(powershell, p);
            if (structuredProblem == null) {
                try {
                    return WingetReports.report(WingetJson.parse(p.stdout));
                } catch (ScanException e) {
                    structuredProblem = e.getMessage();
                }
            }
        }
        ScanReportDTO report = scanTable(ctx);
        if (structuredProblem != null && report.status != ScanStatus.TOOL_MISSING) {
            report.notes.add(0, "read winget's table (names and Ids may be cut there): " + structuredProblem);
        }
        return report;
    }

    /** The fallback: winget's own table, with everything it may have cut, wrapped or translated. */
    private ScanReportDTO scanTable(ScanContext ctx) {
        CommandResult r = list(ctx);
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("winget");
        }
        if (r.timedOut) {
            return ScanReportDTO.failed("winget upgrade did not finish before the deadline");
        }
        Listing listing;
        try {
            listing = WingetTableParser.parse(r.stdout);
        } catch (ScanException e) {
            return ScanReportDTO.failed("could not read winget's table: " + e.getMessage());
        }
        if (r.exitCode != 0) {
            String why = "winget upgrade exited with " + WingetExitCodes.describe(r.exitCode) + lastLine(r);
            if (!listing.sawTable()) {
                return ScanReportDTO.failed(why);
            }
            // e.g. one source failed to open (0x8A15004B) while the others answered
            ScanReportDTO partial = WingetReports.report(listing);
            partial.status = ScanStatus.PARTIAL;
            partial.message = partial.message == null ? why : why + "; " + partial.message;
            return partial;
        }
        ScanReportDTO report = WingetReports.report(listing);
        if (!listing.sawTable() && !listing.saidNothingFound() && !r.stdout.isBlank()) {
            // exit 0 without a table: nothing to upgrade, said in a language this parser does not know
            report.notes.add("winget said: " + lastLine(r).replaceFirst("^: ", ""));
        }
        return report;
    }

    /** Why the module's answer cannot be used, or null when stdout holds its JSON. */
    private static String structuredProblem(String powershell, CommandResult p) {
        if (p.toolMissing()) {
            return powershell + " is not installed";
        }
        if (p.timedOut) {
            return "the WinGet PowerShell module did not answer before the deadline";
        }
        if (p.exitCode != 0) {
            // "The specified module 'Microsoft.WinGet.Client' was not loaded because no valid module file was found"
            return "the WinGet PowerShell module is not available (exit " + p.exitCode + lastLine(p) + ")";
        }
        if (!WingetJson.looksLikeJson(p.stdout)) {
            return "the WinGet PowerShell module printed no JSON" + lastLine(p);
        }
        return null;
    }

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        checkIds(packages);
        String powershell = powershell(ctx);
        if (powershell != null) {
            CommandResult p = runner.run(ctx.deadline(), WingetPowerShell.command(powershell), Map.of());
            if (structuredProblem(powershell, p) == null) {
                try {
                    return WingetReports.restrict(WingetReports.plan(WingetJson.parse(p.stdout)), packages);
                } catch (ScanException e) {
                    // not the module's JSON after all: winget's table decides
                }
            }
        }
        CommandResult r = list(ctx);
        if (r.toolMissing()) {
            throw new ScanException("winget is not installed on this host");
        }
        if (r.timedOut || r.exitCode != 0) {
            throw new ScanException("winget upgrade " + (r.timedOut ? "did not finish before the deadline"
                    : "exited with " + WingetExitCodes.describe(r.exitCode) + lastLine(r)));
        }
        // winget cannot simulate: the plan is the listed upgrade of exactly the requested Ids
        return WingetReports.restrict(WingetReports.plan(WingetTableParser.parse(r.stdout)), packages);
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        checkIds(packages);
        InstallResultDTO result = new InstallResultDTO();
        StringBuilder output = new StringBuilder();
        List<String> failed = new ArrayList<>();
        int firstFailure = 0;
        for (int k = 0; k < packages.size(); k++) {
            String id = packages.get(k);
            if (!Instant.now().isBefore(ctx.deadline())) {
                failed.addAll(packages.subList(k, packages.size()));
                output.append("== deadline passed; not attempted: ").append(packages.subList(k, packages.size())).append('\n');
                if (firstFailure == 0) {
                    firstFailure = -1;
                }
                break;
            }
            List<String> command = new ArrayList<>(List.of(winget(ctx), "upgrade", "--id", id));
            command.addAll(INSTALL_ARGS);
            CommandResult r = runner.run(ctx.deadline(), command, Map.of());
            if (r.toolMissing()) {
                result.exitCode = r.exitCode;
                result.message = "winget is not installed on this host";
                result.output = InstallResultDTO.excerpt(output.toString());
                return result;
            }
            output.append("== winget upgrade --id ").append(id).append(" (exit ")
                    .append(WingetExitCodes.describe(r.exitCode)).append(")\n").append(r.stdout);
            if (!r.stderr.isBlank()) {
                output.append(r.stderr);
            }
            output.append('\n');
            // installed, but only complete after a restart: a success that needs a reboot
            boolean reboot = r.exitCode == REBOOT_REQUIRED_TO_FINISH || r.exitCode == REBOOT_INITIATED
                    || r.exitCode == ERROR_SUCCESS_REBOOT_REQUIRED
                    || r.exitCode == ERROR_SUCCESS_REBOOT_INITIATED
                    || r.stdout.contains("Restart your PC to finish installation");
            if (!r.timedOut && (r.exitCode == 0 || reboot)) {
                result.installed.add(id);
                result.rebootRequired |= reboot;
            } else {
                failed.add(id + " (" + (r.timedOut ? "timed out" : WingetExitCodes.describe(r.exitCode)) + ")");
                firstFailure = firstFailure == 0 ? r.exitCode : firstFailure;
            }
        }
        result.success = failed.isEmpty();
        result.exitCode = firstFailure;
        result.output = InstallResultDTO.excerpt(output.toString());
        result.message = "upgraded " + result.installed.size() + " of " + packages.size()
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed))
                + (result.rebootRequired ? "; a restart is needed to finish" : "");
        return result;
    }

    /** Runs the listing; winget older than 1.4 rejects --disable-interactivity, so it is retried without. */
    private CommandResult list(ScanContext ctx) {
        List<String> command = new ArrayList<>(List.of(winget(ctx)));
        command.addAll(LIST_ARGS);
        CommandResult r = runner.run(ctx.deadline(), command, Map.of());
        if (r.exitCode == INVALID_CL_ARGUMENTS) {
            command.remove("--disable-interactivity");
            r = runner.run(ctx.deadline(), command, Map.of());
        }
        return r;
    }

    /** The PowerShell for the WinGet module, or null when the operator switched the structured listing off. */
    private static String powershell(ScanContext ctx) {
        String path = ctx.configuration().getOrDefault(WingetDescriptor.POWERSHELL_PATH, "powershell.exe");
        return path == null || path.isBlank() ? null : path.strip();
    }

    private static String winget(ScanContext ctx) {
        String path = ctx.configuration().get(WingetDescriptor.WINGET_PATH);
        return path == null || path.isBlank() ? "winget" : path;
    }

    /** Refuses anything but winget Ids, before a single process is started. */
    static void checkIds(List<String> packages) throws ScanException {
        for (String id : packages) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new ScanException("not a winget package Id: '" + id + "'");
            }
        }
    }

    private static String lastLine(CommandResult r) {
        List<String> lines = ToolText.asShown(r.stdout + "\n" + r.stderr);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return ": " + lines.get(i).strip();
            }
        }
        return "";
    }
}
