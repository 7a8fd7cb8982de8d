// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import io.redflag.version.VersionOrdering;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Describes a subsystem (one package ecosystem) to the server and the agent. It needs nothing from
 * the runtime, so it is active on both sides: the server learns the plug-in from it, and the
 * agent's command line uses its parsers and version ordering without a host to scan.
 * <p>
 * Parsers here are pure functions of a tool's output; the scanner calls the same ones.
 */
@ConsumerType
public interface SubsystemDescriptor {

    /** The ecosystem id: lower case, stable, unique ("apt", "dnf", "winget", …). */
    String ecosystem();

    /** A name for people ("APT (Debian, Ubuntu)"). */
    String displayName();

    /** OS families the scanner runs on: "linux", "windows", "darwin". */
    List<String> osFamilies();

    /** How often the server schedules a scan unless the operator says otherwise. */
    Duration defaultInterval();

    /** The order of this ecosystem's version strings. */
    VersionOrdering versionOrdering();

    /** Whether the records are pending updates (the default) or readings of the host. */
    default SubsystemKind kind() {
        return SubsystemKind.UPDATES;
    }

    /** Configuration keys the scanner understands, with their defaults. */
    default Map<String, String> defaultConfiguration() {
        return Map.of();
    }

    /**
     * Parses what the scanner's listing command prints into updates.
     *
     * @throws ScanException if the text is not output of that command
     */
    List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException;

    /**
     * Parses what the scanner's dry-run command prints into a plan (without its hash).
     *
     * @throws ScanException if the text is not output of that command
     */
    TransactionPlanDTO parseDryRunOutput(String output) throws ScanException;
}
