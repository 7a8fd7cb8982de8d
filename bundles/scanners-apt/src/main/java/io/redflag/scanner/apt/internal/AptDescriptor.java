// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Describes the apt ecosystem (Debian, Ubuntu and their derivatives). Needs nothing from the
 * runtime, so the server and the agent's command line both have it.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = AptDescriptor.ECOSYSTEM, displayName = "APT (Debian, Ubuntu)", os = "linux", defaultIntervalSeconds = 6 * 3600)
public final class AptDescriptor implements SubsystemDescriptor {

    /** The ecosystem id, shared with {@link AptScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "apt";

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.DPKG;
    }

    /**
     * Parses {@code apt list --upgradable} output. When the text also holds the output of
     * {@code apt-get -s upgrade} (as the scanner runs both), updates it defers because of phasing
     * are left out. Without {@code dpkg --print-architecture} the host's architecture is taken to be
     * the most frequent one in the listing.
     */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        AptListParser.Listing listing = AptListParser.parse(output, null);
        AptSimulationParser.Simulation simulation;
        try {
            simulation = AptSimulationParser.parse(output);
        } catch (ScanException e) {
            // a bare listing (apt list -qq prints no progress line) holds no simulation at all
            simulation = null;
        }
        return AptReports.scanReport(listing, simulation, Set.of()).updates;
    }

    /** Parses {@code apt-get -s install --only-upgrade …} output (any locale: the change lines are not translated). */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        return AptReports.plan(AptSimulationParser.parse(output), List.of());
    }
}
