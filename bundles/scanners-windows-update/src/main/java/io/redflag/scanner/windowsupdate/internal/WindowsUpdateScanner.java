// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import io.redflag.scanner.windowsupdate.internal.WuaJson.WuaUpdate;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Scans, plans and installs Windows updates by driving the Windows Update Agent COM API
 * ({@code Microsoft.Update.Session}) from the PowerShell scripts shipped in this bundle (scan.ps1,
 * install.ps1). Runs processes only through the agent's {@link CommandRunner}; on the server that
 * service is absent, so this component stays inactive there.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = WindowsUpdateDescriptor.ECOSYSTEM)
@AgentOnly
public final class WindowsUpdateScanner implements PackageScanner {


    // an UpdateID or a KB id; nothing else reaches the script text
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|KB\\d{1,10}");

    private final CommandRunner runner;

    @Activate
    public WindowsUpdateScanner(@Reference(name = "runner") CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        CommandResult r = run(ctx, "scan.ps1", List.of());
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("powershell");
        }
        String problem = problem("scan.ps1", r);
        if (problem != null) {
            return ScanReportDTO.failed(problem);
        }
        List<WuaUpdate> found = WuaJson.updates(r.stdout);
        ScanReportDTO report = ScanReportDTO.of(WindowsUpdateReports.updates(found));
        for (WuaUpdate u : found) {
            if (u.canRequestUserInput()) {
                report.notes.add("'" + u.title() + "' may ask for input while installing; it may not install unattended");
            }
            if (u.updateId() == null && u.kbs().isEmpty()) {
                report.notes.add("'" + u.title() + "' has neither an UpdateID nor a KB id and is left out");
            }
        }
        return report;
    }

    /** Lists exactly the requested updates the way a scan does: the agent cannot simulate an install. */
    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        checkIds(packages);
        if (packages.isEmpty()) {
            return new TransactionPlanDTO();  // scan.ps1 without ids would list everything
        }
        CommandResult r = run(ctx, "scan.ps1", packages);
        if (r.toolMissing()) {
            throw new ScanException("powershell is not installed on this host");
        }
        String problem = problem("scan.ps1", r);
        if (problem != null) {
            throw new ScanException(problem);
        }
        List<PackageUpdateDTO> updates = WindowsUpdateReports.updates(WuaJson.updates(r.stdout));
        return WindowsUpdateReports.requested(WindowsUpdateReports.plan(updates), updates, packages);
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        checkIds(packages);
        if (packages.isEmpty()) {
            InstallResultDTO nothing = new InstallResultDTO();
            nothing.success = true;
            nothing.message = "nothing to install";
            return nothing;
        }
        CommandResult r = run(ctx, "install.ps1", packages);
        String output = InstallResultDTO.excerpt(r.stderr.isBlank() ? r.stdout : r.stdout + "\n" + r.stderr);
        if (r.toolMissing()) {
            return failedInstall(r.exitCode, "powershell is not installed on this host", output);
        }
        String problem = problem("install.ps1", r);
        if (problem != null) {
            return failedInstall(r.exitCode, problem, output);
        }
        return WindowsUpdateReports.installResult(WuaJson.install(r.stdout), packages, r.exitCode, output);
    }

    private CommandResult run(ScanContext ctx, String script, List<String> ids) throws ScanException {
        String text = PowerShell.wrap(PowerShell.script(script), ids);
        try (PowerShell.Invocation call = PowerShell.prepare(powershell(ctx), text)) {
            return runner.run(ctx.deadline(), call.command(), Map.of());
        } catch (IOException e) {
            throw new ScanException("could not write a temporary script for " + script, e);
        }
    }

    private static String powershell(ScanContext ctx) {
        String path = ctx.configuration().get(WindowsUpdateDescriptor.POWERSHELL_PATH);
        return path == null || path.isBlank() ? "powershell.exe" : path;
    }

    /** Refuses anything but UpdateIDs and KB ids, before a single process is started. */
    static void checkIds(List<String> packages) throws ScanException {
        for (String id : packages) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new ScanException("not a Windows UpdateID or KB id: '" + id + "'");
            }
        }
    }

    /** Why a finished script run cannot be used, or null if it can. */
    private static String problem(String script, CommandResult r) {
        if (r.timedOut) {
            return script + " did not finish before the deadline";
        }
        if (r.exitCode != 0) {
            String error = WuaJson.error(r.stdout);
            if (error == null) {
                // with -EncodedCommand, powershell.exe may put progress records (CLIXML) on stderr
                error = r.stderr.lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#< CLIXML") && !l.startsWith("<Objs"))
                        .findFirst().orElse("no error text");
            }
            return script + " exited with code " + r.exitCode + ": " + error;
        }
        return null;
    }

    private static InstallResultDTO failedInstall(int exitCode, String message, String output) {
        InstallResultDTO result = new InstallResultDTO();
        result.exitCode = exitCode;
        result.message = message;
        result.output = output;
        return result;
    }
}
