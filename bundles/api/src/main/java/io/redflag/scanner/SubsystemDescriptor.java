// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import io.redflag.version.VersionOrdering;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The logic of a subsystem that both sides need: its version ordering and the parsers of its tools'
 * output. What the subsystem is (ecosystem, name, platforms, interval, kind) is said once, by the
 * component's {@link io.redflag.scanner.propertytypes.SubsystemType} service properties. It needs nothing
 * from the runtime, so it is active on both sides: the server learns the plug-in from it, and the agent's
 * command line uses its parsers and version ordering without a host to scan.
 * <p>
 * Parsers here are pure functions of a tool's output; the scanner calls the same ones.
 */
@ConsumerType
public interface SubsystemDescriptor {

    /** The order of this ecosystem's version strings. */
    VersionOrdering versionOrdering();

    /** Configuration keys the scanner understands, with their defaults. */
    default Map<String, String> defaultConfiguration() {
        return Map.of();
    }

    /**
     * Parses what the scanner's listing command prints into updates (or readings).
     *
     * @throws ScanException if the text is not output of that command
     */
    List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException;

    /**
     * Subsystems of readings ({@code kind = METRICS}): parses what the scanner's tool prints into readings. The default
     * refuses; since 1.2.
     *
     * @throws ScanException if the text is not output of that tool, or the subsystem reports no readings
     */
    default List<ReadingDTO> parseReadings(String output) throws ScanException {
        throw new ScanException("this subsystem reports updates, not readings");
    }

    /**
     * Parses what the scanner's dry-run command prints into a plan (without its hash). Subsystems of readings
     * have no dry run: the default refuses.
     *
     * @throws ScanException if the text is not output of that command, or the subsystem has no dry run
     */
    default TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        throw new ScanException("this subsystem has no dry run");
    }
}
