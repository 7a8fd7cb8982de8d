// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.Severity;
import io.redflag.scanner.TransactionPlanDTO;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What both metric ecosystems share: how a measurement becomes a {@link ReadingDTO}, number
 * formatting, and the answers to "plan" and "install", which have no meaning for a measurement.
 */
final class Metrics {

    static final String NOTHING_TO_INSTALL = "nothing to install for metrics";

    private Metrics() {}

    /** Readings and report notes computed from one probe. */
    record Assessment(List<ReadingDTO> readings, List<String> notes) {

        ScanReportDTO report() {
            ScanReportDTO r = ScanReportDTO.ofReadings(readings);
            r.notes.addAll(notes);
            return r;
        }
    }

    /** One measurement: a number with its unit, what it means for people, where it came from, how worrying. */
    static ReadingDTO reading(String id, double value, String unit, String detail, String source, Severity severity) {
        ReadingDTO r = ReadingDTO.of(id, value, unit, severity);
        r.detail = detail;
        r.source = source;
        return r;
    }

    /** One fact in words. */
    static ReadingDTO fact(String id, String text, String source) {
        ReadingDTO r = ReadingDTO.text(id, text, Severity.LOW);
        r.source = source;
        return r;
    }

    /** A used fraction as a whole percentage, rounded up as df does (87): 86.1 % full is not 86 % full. */
    static double percent(double fraction) {
        return Math.max(0.0, Math.ceil(Math.max(0, fraction) * 100 - 1e-9)); // never -0.0
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
