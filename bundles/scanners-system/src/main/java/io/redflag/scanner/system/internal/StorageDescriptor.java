// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Describes the "storage" ecosystem: file-system usage reported as one record per file system.
 * Needs nothing from the runtime, so the server and the agent's command line both have it.
 */
@Component(service = SubsystemDescriptor.class)
public final class StorageDescriptor implements SubsystemDescriptor {

    /** The ecosystem id, shared with {@link StorageScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "storage";

    /** Readings of the host, not installable updates: the server keeps them apart from the inventory. */
    @Override
    public SubsystemKind kind() {
        return SubsystemKind.METRICS;
    }

    @Override
    public String ecosystem() {
        return ECOSYSTEM;
    }

    @Override
    public String displayName() {
        return "Storage (file-system usage)";
    }

    @Override
    public List<String> osFamilies() {
        return List.of("linux", "windows", "darwin");
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(15);
    }

    /**
     * The numeric component order. Values here are measurements, not versions; the byte counts in
     * availableVersion are plain digit strings, which this order compares as numbers (SEMVER would
     * reject them outright). Percent values ("87%") compare as text: nothing should rank them.
     */
    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.AGENT;
    }

    /** Parses {@code LC_ALL=C df -P -k} output; pseudo file systems are left out, as the scanner does. */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return StorageMetrics.assess(DfParser.parse(output)).updates();
    }

    /** Always fails: a measurement has nothing to install, so no dry-run output exists. */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        throw new ScanException("storage metrics have no dry run");
    }
}
