// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** The result of one scan. */
public class ScanReportDTO extends DTO {
    public ScanStatus status = ScanStatus.OK;
    /** Why the status is not OK, in words an operator can act on. */
    public String message;
    public List<PackageUpdateDTO> updates = new ArrayList<>();
    /** {@link HostReadings} plug-ins: what they read of the host (updates stay empty); since 1.2. */
    public List<ReadingDTO> readings = new ArrayList<>();
    /** Things worth knowing that did not stop the scan (held-back packages, deferred phased updates…). */
    public List<String> notes = new ArrayList<>();

    /** A report for a host on which the package tool is not installed. */
    public static ScanReportDTO toolMissing(String tool) {
        ScanReportDTO r = new ScanReportDTO();
        r.status = ScanStatus.TOOL_MISSING;
        r.message = tool + " is not installed on this host";
        return r;
    }

    /** A report of a scan that produced no usable answer; {@code message} says why, for the operator. */
    public static ScanReportDTO failed(String message) {
        ScanReportDTO r = new ScanReportDTO();
        r.status = ScanStatus.FAILED;
        r.message = message;
        return r;
    }

    /** A report with the given readings and status OK (HostReadings plug-ins). */
    public static ScanReportDTO ofReadings(List<ReadingDTO> readings) {
        ScanReportDTO r = new ScanReportDTO();
        r.readings = new ArrayList<>(readings);
        return r;
    }

    /** A report with the given updates and status OK. */
    public static ScanReportDTO of(List<PackageUpdateDTO> updates) {
        ScanReportDTO r = new ScanReportDTO();
        r.updates = new ArrayList<>(updates);
        return r;
    }
}
