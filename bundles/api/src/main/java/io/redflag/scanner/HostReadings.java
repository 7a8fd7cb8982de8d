// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by plug-ins whose subsystem reports readings of the host (disk usage, memory…) rather than
 * installable updates: there is nothing to dry-run or install, so there is no such method. Register it with
 * {@link io.redflag.scanner.propertytypes.ScannerType} and {@link io.redflag.scanner.propertytypes.AgentOnly};
 * its descriptor says {@code kind = METRICS}.
 */
@ConsumerType
public interface HostReadings {

    /**
     * Reads the host now: one {@link ReadingDTO} per reading in {@link ScanReportDTO#readings} (a value with its unit,
     * or a text; how worrying it is). Must return before {@link ScanContext#deadline()}. (Before 1.2 readings were
     * carried as update records, with the value in {@code installedVersion}; the server still reads that form.)
     *
     * @throws ScanException if the host could not be read at all
     */
    ScanReportDTO read(ScanContext ctx) throws ScanException;
}
