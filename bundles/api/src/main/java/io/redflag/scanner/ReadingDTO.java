// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import org.osgi.dto.DTO;

/**
 * One reading of the host by a {@link HostReadings} plug-in: a measured number with its unit (disk 87 %, load 0.42
 * per CPU, uptime 86400 s) or a fact in words (the kernel's version), and how worrying it is. Public fields, no
 * behaviour; adding a field is a minor change. Since 1.2.
 */
public class ReadingDTO extends DTO {
    /** What is read, stable across scans: {@code disk:/var}, {@code memory.used}, {@code os.kernel}. */
    public String id;
    /** For people; the id when absent. */
    public String name;
    /** The measurement; null for a reading in words ({@link #text}). Finite. */
    public Double value;
    /** The value's unit: {@code %}, {@code bytes}, {@code s}, {@code load/cpu}; null for a pure number or text. */
    public String unit;
    /** A reading in words (a version, a state) when it is not a number. */
    public String text;
    /** How worrying: {@link Severity#LOW} for fine, up to {@link Severity#CRITICAL}. */
    public Severity severity = Severity.UNKNOWN;
    /** More for people: "12.1 GiB free of 40 GiB", "3 days 4 hours". */
    public String detail;
    /** Where the number came from (the file system's device, "oshi", "/proc/meminfo"). */
    public String source;

    /** A measured reading. */
    public static ReadingDTO of(String id, double value, String unit, Severity severity) {
        ReadingDTO r = new ReadingDTO();
        r.id = id;
        r.name = id;
        r.value = value;
        r.unit = unit;
        r.severity = severity;
        return r;
    }

    /** A reading in words. */
    public static ReadingDTO text(String id, String text, Severity severity) {
        ReadingDTO r = new ReadingDTO();
        r.id = id;
        r.name = id;
        r.text = text;
        r.severity = severity;
        return r;
    }
}
