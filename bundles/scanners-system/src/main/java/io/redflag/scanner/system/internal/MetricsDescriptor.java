// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import java.util.List;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;

/**
 * What the two metrics subsystems of this bundle have in common: their values are measurements, ordered by
 * the numeric component order. They need nothing from the runtime, so the server and the agent's command
 * line both have them; having no dry run, they keep the descriptor's refusing default.
 */
abstract class MetricsDescriptor implements SubsystemDescriptor {

    /**
     * The numeric component order. Values here are measurements, not versions; the plain numbers among
     * them (byte counts, uptime seconds) compare as numbers, where SEMVER would reject them outright.
     * Percent values ("87%") compare as text: nothing should rank them.
     */
    @Override
    public final VersionOrdering versionOrdering() {
        return VersionOrderings.AGENT;
    }

    /** Readings are not updates: the tool's output is read by {@link #parseReadings}. */
    @Override
    public final List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        parseReadings(output); // the same refusal for text that is not the tool's output
        return List.of();
    }
}
