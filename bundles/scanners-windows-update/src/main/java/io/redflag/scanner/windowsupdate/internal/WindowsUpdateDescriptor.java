// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Describes the Windows Update ecosystem (the Windows Update Agent: Windows Update, Microsoft Update or
 * WSUS, whichever the host uses). Needs nothing from the runtime, so the server and the agent's command
 * line both have it.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = WindowsUpdateDescriptor.ECOSYSTEM, displayName = "Windows Update", os = "windows", defaultIntervalSeconds = 12 * 3600)
public final class WindowsUpdateDescriptor implements SubsystemDescriptor {

    /** The ecosystem id, shared with {@link WindowsUpdateScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "windows-update";
    /** Configuration key: the PowerShell executable (pwsh.exe works too). */
    static final String POWERSHELL_PATH = "powershell.path";

    /** An update's "version" is its revision number: a plain integer. */
    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.AGENT;
    }

    @Override
    public Map<String, String> defaultConfiguration() {
        return Map.of(POWERSHELL_PATH, "powershell.exe");
    }

    /**
     * Parses either scan.ps1's JSON (recognised by a leading '[' or '{') or the table PSWindowsUpdate's
     * {@code Get-WindowsUpdate} prints. From the table only pending updates with a KB id are kept.
     *
     * @throws ScanException if the text is neither
     */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        String text = output == null ? "" : output;
        if (WuaJson.looksLikeJson(text)) {
            return WindowsUpdateReports.updates(WuaJson.updates(text));
        }
        List<PsWindowsUpdateTable.Row> rows = PsWindowsUpdateTable.parse(text);
        if (rows != null) {
            return WindowsUpdateReports.tableUpdates(rows);
        }
        if (text.lines().allMatch(l -> l.isBlank() || l.startsWith("VERBOSE:") || l.startsWith("PreSearchCriteria:"))) {
            return List.of();  // Get-WindowsUpdate prints no table when nothing is pending
        }
        throw new ScanException("neither scan.ps1's JSON nor a Get-WindowsUpdate table");
    }

    /**
     * A dry run lists the same way as a scan (the Windows Update Agent cannot simulate an installation):
     * the plan is the set of updates the agent reports, one INSTALL per update, named by KB id.
     */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        return WindowsUpdateReports.plan(parseScanOutput(output));
    }
}
