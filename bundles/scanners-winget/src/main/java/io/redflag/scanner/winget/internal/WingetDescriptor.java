// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.scanner.winget.internal.WingetTableParser.Listing;
import io.redflag.version.VersionOrdering;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Describes the winget ecosystem (Windows Package Manager). Needs nothing from the runtime, so the
 * server and the agent's command line both have it.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = WingetDescriptor.ECOSYSTEM, displayName = "winget (Windows Package Manager)", os = "windows", defaultIntervalSeconds = 12 * 3600)
public final class WingetDescriptor implements SubsystemDescriptor {

    /** The ecosystem id, shared with {@link WingetScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "winget";
    /** Configuration key: the winget executable (an agent running as SYSTEM has no winget on its PATH). */
    static final String WINGET_PATH = "winget.path";
    /**
     * Configuration key: the PowerShell that runs the Microsoft.WinGet.Client module (structured
     * listing); empty to read winget's table only.
     */
    static final String POWERSHELL_PATH = "winget.powershell.path";

    @Override
    public VersionOrdering versionOrdering() {
        return WingetVersionOrdering.INSTANCE;
    }

    @Override
    public Map<String, String> defaultConfiguration() {
        return Map.of(WINGET_PATH, "winget", POWERSHELL_PATH, "powershell.exe");
    }

    /**
     * Parses {@code winget upgrade --include-unknown} output: both tables (the second, "require explicit
     * targeting", included), by Id; or the WinGet PowerShell module's JSON (text starting with
     * {@code [} or <code>{</code>). Rows whose Id winget cut are left out.
     *
     * @throws ScanException when the text holds no winget table, no "nothing to upgrade" message and no JSON
     */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return WingetReports.updates(listing(output));
    }

    /**
     * winget cannot simulate, so a dry run is the same listing: the plan is the listed upgrade
     * (Version to Available) of every Id in it. The scanner narrows it to the requested Ids.
     */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        return WingetReports.plan(listing(output));
    }

    private static Listing listing(String output) throws ScanException {
        if (WingetJson.looksLikeJson(output)) {
            return WingetJson.parse(output);
        }
        Listing listing = WingetTableParser.parse(output);
        if (!listing.sawTable() && !listing.saidNothingFound() && output != null && !output.isBlank()) {
            throw new ScanException("not the output of 'winget upgrade': no table and no 'nothing to upgrade' message");
        }
        return listing;
    }
}
