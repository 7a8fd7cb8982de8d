// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.Severity;
import io.redflag.scanner.TransactionPlanDTO;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What both metric ecosystems share: how a measurement becomes a {@link PackageUpdateDTO}
 * (the SPI's only record type; the mapping is in the bundle's README), number formatting, and the
 * answers to "plan" and "install", which have no meaning for a measurement.
 */
final class Metrics {

    static final String NOTHING_TO_INSTALL = "nothing to install for metrics";

    private Metrics() {}

    /** Records and report notes computed from one probe. */
    record Assessment(List<PackageUpdateDTO> updates, List<String> notes) {

        ScanReportDTO report() {
            ScanReportDTO r = ScanReportDTO.of(updates);
            r.notes.addAll(notes);
            return r;
        }
    }

    /** One measurement in the SPI's record shape: id and name are the metric, installedVersion its value. */
    static PackageUpdateDTO record(String id, String value, String detail, String source, String architecture,
            Severity severity) {
        PackageUpdateDTO u = new PackageUpdateDTO();
        u.id = id;
        u.name = id;
        u.installedVersion = value;
        u.availableVersion = detail;
        u.source = source;
        u.architecture = architecture;
        u.severity = severity;
        // nothing here is installed, so nothing here can need a reboot
        u.rebootRequired = false;
        return u;
    }

    /** A used fraction as a whole percentage, rounded up as df does ("87%"): 86.1 % full is not 86 % full. */
    static String percent(double fraction) {
        return (long) Math.ceil(Math.max(0, fraction) * 100 - 1e-9) + "%";
    }

    /** Bytes for people: "78.2 GiB". */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** True when the call's deadline has already passed, so starting to probe would be pointless. */
    static boolean expired(Instant deadline) {
        return deadline != null && !Instant.now().isBefore(deadline);
    }


}
