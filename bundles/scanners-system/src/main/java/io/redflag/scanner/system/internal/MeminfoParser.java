// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.system.internal.HostProbe.MemUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Linux's {@code /proc/meminfo}: lines of {@code Key:   value kB}, values in KiB. */
final class MeminfoParser {

    // keys are letters, digits, '_' and parentheses ("Active(anon)"); HugePages_* have no unit
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_()]+):\\s+(\\d+)(?:\\s+kB)?$");

    private MeminfoParser() {}

    /**
     * Parses the text into memory and swap usage in bytes.
     *
     * @throws ScanException if a line is not a meminfo line or MemTotal is missing
     */
    static MemUsage parse(String output) throws ScanException {
        Map<String, Long> kib = new HashMap<>();
        String[] lines = (output == null ? "" : output).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[i].strip());
            if (!m.matches()) {
                throw new ScanException("not /proc/meminfo content: line " + (i + 1) + " is '"
                        + (lines[i].length() > 80 ? lines[i].substring(0, 77) + "..." : lines[i]) + "'");
            }
            kib.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Long total = kib.get("MemTotal");
        if (total == null) {
            throw new ScanException("not /proc/meminfo content: it has no MemTotal line");
        }
        Long available = kib.get("MemAvailable");
        if (available == null) {
            // kernels before 3.14 have no MemAvailable; free + buffers + page cache is the classic estimate
            available = kib.getOrDefault("MemFree", 0L) + kib.getOrDefault("Buffers", 0L)
                    + kib.getOrDefault("Cached", 0L);
        }
        long swapTotal = kib.getOrDefault("SwapTotal", 0L);
        long swapUsed = Math.max(0, swapTotal - kib.getOrDefault("SwapFree", swapTotal));
        return new MemUsage(total * 1024, Math.min(available, total) * 1024, swapTotal * 1024, swapUsed * 1024);
    }
}
