// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.system.internal.HostProbe.MemUsage;
import io.redflag.scanner.system.internal.HostProbe.SystemSnapshot;
import io.redflag.scanner.system.internal.Metrics.Assessment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link SystemSnapshot} into "system" records, one per metric: id = metric name,
 * installedVersion = its value. Pure; the scanner (oshi) and the descriptor (/proc/meminfo) feed it.
 */
final class SystemMetrics {

    static final String CPU_LOAD = "cpu.load";
    static final String MEMORY_USED = "memory.used";
    static final String SWAP_USED = "swap.used";
    static final String UPTIME = "uptime";
    static final String OS_VERSION = "os.version";
    static final String OS_KERNEL = "os.kernel";

    private SystemMetrics() {}

    /** All metrics of one snapshot; {@code source} names where the numbers came from ("oshi"). */
    static Assessment assess(SystemSnapshot s, String source) {
        List<ReadingDTO> readings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (s.loadAverage1m() >= 0 && s.logicalCpus() > 0) {
            double perCpu = s.loadAverage1m() / s.logicalCpus();
            readings.add(Metrics.reading(CPU_LOAD, Math.round(perCpu * 100) / 100.0, "load/cpu",
                    String.format(Locale.ROOT, "%.2f over %d logical CPUs", s.loadAverage1m(), s.logicalCpus()),
                    source, loadSeverity(perCpu)));
        } else {
            // Windows keeps no load average; oshi says so with a negative value
            notes.add("the 1-minute load average is not available on this OS");
        }
        Assessment memory = memory(s.memory(), source);
        readings.addAll(memory.readings());
        notes.addAll(memory.notes());
        readings.add(Metrics.reading(UPTIME, s.uptimeSeconds(), "s", duration(s.uptimeSeconds()), source, Severity.LOW));
        readings.add(Metrics.fact(OS_VERSION, s.osVersion(), source));
        readings.add(Metrics.fact(OS_KERNEL, s.kernel(), source));
        return new Assessment(readings, notes);
    }

    /** The memory.used and swap.used records; all a /proc/meminfo listing can tell. */
    static Assessment memory(MemUsage m, String source) {
        List<ReadingDTO> readings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double used = memoryUsedFraction(m);
        readings.add(Metrics.reading(MEMORY_USED, Metrics.percent(used), "%", Metrics.bytes(Math.max(0, m.available()))
                + " available of " + Metrics.bytes(m.total()), source, memorySeverity(used)));
        double swap = m.swapTotal() <= 0 ? 0 : (double) m.swapUsed() / m.swapTotal();
        readings.add(Metrics.reading(SWAP_USED, Metrics.percent(swap), "%", Metrics.bytes(Math.max(0, m.swapTotal()
                - m.swapUsed())) + " free of " + Metrics.bytes(Math.max(0, m.swapTotal())), source, swapSeverity(swap)));
        notes.add(String.format(Locale.ROOT, "memory: %s total, %s available; swap: %s total, %s used",
                Metrics.bytes(m.total()), Metrics.bytes(m.available()), Metrics.bytes(m.swapTotal()),
                Metrics.bytes(m.swapUsed())));
        if (m.swapTotal() <= 0) {
            notes.add("no swap space is configured");
        }
        return new Assessment(readings, notes);
    }

    /** Used share as free(1) shows it: what is not available to new programs. */
    static double memoryUsedFraction(MemUsage m) {
        return m.total() <= 0 ? 0 : (double) (m.total() - m.available()) / m.total();
    }

    /** CRITICAL above 95 % used, IMPORTANT above 90 %, LOW otherwise (thresholds from the issue). */
    static Severity memorySeverity(double usedFraction) {
        if (usedFraction > 0.95) {
            return Severity.CRITICAL;
        }
        if (usedFraction > 0.90) {
            return Severity.IMPORTANT;
        }
        return Severity.LOW;
    }

    /**
     * IMPORTANT above 90 % of swap used, MODERATE above 50 %, LOW otherwise. Our own choice: swap
     * in use is normal, swap nearly full means the OOM killer is close.
     */
    static Severity swapSeverity(double usedFraction) {
        if (usedFraction > 0.90) {
            return Severity.IMPORTANT;
        }
        if (usedFraction > 0.50) {
            return Severity.MODERATE;
        }
        return Severity.LOW;
    }

    /**
     * IMPORTANT from 2 runnable tasks per logical CPU, MODERATE from 1, LOW otherwise. Our own
     * choice; never CRITICAL, since a busy host is not a broken one.
     */
    static Severity loadSeverity(double perCpu) {
        if (perCpu >= 2.0) {
            return Severity.IMPORTANT;
        }
        if (perCpu >= 1.0) {
            return Severity.MODERATE;
        }
        return Severity.LOW;
    }

    /** "3 days 04:05:06". */
    static String duration(long seconds) {
        long s = Math.max(0, seconds);
        long days = s / 86_400;
        return String.format(Locale.ROOT, "%d day%s %02d:%02d:%02d", days, days == 1 ? "" : "s", s % 86_400 / 3600,
                s % 3600 / 60, s % 60);
    }
}
