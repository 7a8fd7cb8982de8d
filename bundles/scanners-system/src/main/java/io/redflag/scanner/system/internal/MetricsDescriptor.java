// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.time.Duration;
import java.util.List;

/**
 * What the two metrics subsystems of this bundle have in common: they report readings of the host
 * (never installable), on every OS oshi supports, and have no dry run. They need nothing from the
 * runtime, so the server and the agent's command line both have them.
 */
abstract class MetricsDescriptor implements SubsystemDescriptor {

    private final String ecosystem;
    private final String displayName;
    private final Duration defaultInterval;

    MetricsDescriptor(String ecosystem, String displayName, Duration defaultInterval) {
        this.ecosystem = ecosystem;
        this.displayName = displayName;
        this.defaultInterval = defaultInterval;
    }

    /** Readings of the host, not installable updates: the server keeps them apart from the inventory. */
    @Override
    public final SubsystemKind kind() {
        return SubsystemKind.METRICS;
    }

    @Override
    public final String ecosystem() {
        return ecosystem;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final List<String> osFamilies() {
        return List.of("linux", "windows", "darwin");
    }

    @Override
    public final Duration defaultInterval() {
        return defaultInterval;
    }

    /**
     * The numeric component order. Values here are measurements, not versions; the plain numbers among
     * them (byte counts, uptime seconds) compare as numbers, where SEMVER would reject them outright.
     * Percent values ("87%") compare as text: nothing should rank them.
     */
    @Override
    public final VersionOrdering versionOrdering() {
        return VersionOrderings.AGENT;
    }

    /** Always fails: a measurement has nothing to install, so no dry-run output exists. */
    @Override
    public final TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        throw new ScanException(ecosystem + " metrics have no dry run");
    }
}
