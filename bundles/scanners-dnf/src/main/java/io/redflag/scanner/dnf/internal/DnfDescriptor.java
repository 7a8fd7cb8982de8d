// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

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
 * Describes the dnf ecosystem (Fedora, RHEL and their rebuilds; dnf4 and dnf5). Needs nothing from the
 * runtime, so the server and the agent's command line both have it.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = DnfDescriptor.ECOSYSTEM, displayName = "DNF (Fedora, RHEL and derivatives)", os = "linux", defaultIntervalSeconds = 6 * 3600)
public final class DnfDescriptor implements SubsystemDescriptor {

    /** The ecosystem id, shared with {@link DnfScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "dnf";
    /** "true" (default) or "false": ask dnf for advisories, CVEs and severities. */
    static final String CONFIG_ADVISORIES = "advisories";
    /** "true" (default) or "false": ask rpm for installed versions, which check-update does not show. */
    static final String CONFIG_INSTALLED_VERSIONS = "installed-versions";
    /**
     * Empty (default: the host itself) or the absolute path of an install root that dnf and rpm manage
     * instead ({@code dnf --installroot}, {@code rpm --root}); see {@link DnfCommands}.
     */
    static final String CONFIG_INSTALLROOT = "installroot";

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.RPM;
    }

    @Override
    public Map<String, String> defaultConfiguration() {
        return Map.of(CONFIG_ADVISORIES, "true", CONFIG_INSTALLED_VERSIONS, "true", CONFIG_INSTALLROOT, "");
    }

    /** Parses {@code dnf check-update} output (dnf4 or dnf5); advisories need a second command. */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return CheckUpdateParser.parse(output).updates();
    }

    /** Parses {@code dnf --assumeno upgrade …} output (dnf4 or dnf5). */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        return TransactionParser.parse(output);
    }
}
