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
 * Describes the "system" ecosystem: CPU load, memory, swap, uptime and OS version, one record per
 * metric. Needs nothing from the runtime, so the server and the agent's command line both have it.
 */
@Component(service = SubsystemDescriptor.class)
public final class SystemDescriptor implements SubsystemDescriptor {

    /** The ecosystem id, shared with {@link SystemScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "system";

    /** The source named in records parsed from text. */
    static final String MEMINFO = "/proc/meminfo";

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
        return "System metrics (CPU, memory, uptime, OS)";
    }

    @Override
    public List<String> osFamilies() {
        return List.of("linux", "windows", "darwin");
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(5);
    }

    /**
     * The numeric component order: the values are measurements, and the plain numbers among them
     * (uptime seconds, byte counts) order correctly under it; SEMVER would reject them.
     */
    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.AGENT;
    }

    /**
     * Parses the content of Linux's {@code /proc/meminfo} into the memory.used and swap.used records;
     * the other metrics are not in that file.
     */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return SystemMetrics.memory(MeminfoParser.parse(output), MEMINFO).updates();
    }

    /** Always fails: a measurement has nothing to install, so no dry-run output exists. */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        throw new ScanException("system metrics have no dry run");
    }
}
