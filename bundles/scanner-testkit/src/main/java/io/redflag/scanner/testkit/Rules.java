// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/** What both suites check the same way: the descriptor's properties, hostile inputs, a reading's form. */
final class Rules {

    private static final Pattern ECOSYSTEM = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    /** The OS families an agent reports (SubsystemType.os): a subsystem for "macos" would never run anywhere. */
    private static final Set<String> OS = Set.of("linux", "windows", "darwin");
    /** A reading's id: what the server keys it by, shown in the console: printable, no blanks. */
    private static final Pattern READING_ID = Pattern.compile("[\\p{Graph}&&[^\\p{Cntrl}]]{1,200}");

    private Rules() {}

    /** The descriptor's service properties as bnd will generate them; {@code kind} null accepts either kind. */
    static void descriptorProperties(SubsystemDescriptor descriptor, SubsystemKind kind) {
        Map<String, List<String>> props = DescriptorMetadata.properties(descriptor.getClass());
        String ecosystem = single(props, "subsystem.ecosystem");
        assertTrue(ECOSYSTEM.matcher(ecosystem).matches(), "subsystem.ecosystem must be 2-32 lower-case letters, digits "
                + "or '-', starting with a letter, not '" + ecosystem + "'");
        String name = single(props, "subsystem.displayName");
        assertFalse(name.isBlank(), "subsystem.displayName must say what the subsystem is");
        List<String> os = props.get("subsystem.os");
        assertTrue(os != null && !os.isEmpty() && OS.containsAll(os), "subsystem.os must name platforms among " + OS
                + ", not " + os);
        long interval = Long.parseLong(single(props, "subsystem.defaultIntervalSeconds"));
        assertTrue(interval >= 60 && interval <= 7 * 86400, "subsystem.defaultIntervalSeconds must be from 60 s to a week, not "
                + interval);
        String declared = single(props, "subsystem.kind");
        if (kind == null) {
            assertTrue(Set.of(SubsystemKind.UPDATES.name(), SubsystemKind.METRICS.name()).contains(declared),
                    "subsystem.kind must be UPDATES or METRICS, not " + declared);
        } else {
            assertTrue(kind.name().equals(declared), "subsystem.kind must be " + kind + " for this kind of plug-in, not "
                    + declared);
        }
        assertNotNull(descriptor.versionOrdering(), "versionOrdering() must not be null");
        assertNotNull(descriptor.defaultConfiguration(), "defaultConfiguration() must not be null");
    }

    private static String single(Map<String, List<String>> props, String name) {
        List<String> v = props.get(name);
        assertTrue(v != null && v.size() == 1, name + " is missing from the descriptor's service properties (@SubsystemType)");
        return v.get(0);
    }

    /** Why {@code r} is no reading the server can keep and show, or null. */
    static String readingProblem(ReadingDTO r) {
        if (r == null) {
            return "a null reading";
        }
        if (r.id == null || !READING_ID.matcher(r.id).matches()) {
            return "the reading id '" + r.id + "' is not 1-200 printable characters without blanks";
        }
        if (r.value == null && (r.text == null || r.text.isBlank())) {
            return r.id + " has neither a value nor a text";
        }
        if (r.value != null && (r.value.isNaN() || r.value.isInfinite())) {
            return r.id + " has the value " + r.value;
        }
        if (r.severity == null) {
            return r.id + " has no severity (UNKNOWN when it cannot tell)";
        }
        return null;
    }

    /** Inputs no parser may throw anything but a ScanException on, nor hang: name → text. */
    static Map<String, String> hostile(String sample) {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("empty output", "");
        in.put("blank lines", "\n\n  \r\n\t\n");
        Random random = new Random(42);
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            garbage.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
            if (random.nextInt(60) == 0) {
                garbage.append('\n');
            }
        }
        in.put("garbage", garbage.toString());
        byte[] binary = new byte[8192];
        random.nextBytes(binary);
        in.put("binary", new String(binary, java.nio.charset.StandardCharsets.ISO_8859_1));
        if (!sample.isEmpty()) {
            for (int cut : new int[] {1, 7, sample.length() / 3, sample.length() / 2, sample.length() - 1}) {
                if (cut > 0 && cut < sample.length()) {
                    in.put("cut after " + cut + " characters", sample.substring(0, cut));
                }
            }
            List<String> lines = new ArrayList<>(List.of(sample.split("\n", -1)));
            Collections.shuffle(lines, random);
            in.put("lines shuffled", String.join("\n", lines));
            in.put("every line doubled", sample.replace("\n", "\n" + "\n"));
            in.put("CRLF line ends", sample.replace("\r\n", "\n").replace("\n", "\r\n"));
            StringBuilder huge = new StringBuilder(ScannerConformance.HUGE_CHARS + sample.length());
            while (huge.length() < ScannerConformance.HUGE_CHARS) {
                huge.append(sample).append('\n');
            }
            in.put("huge (the output repeated to 9 million characters)", huge.toString());
        }
        in.put("one line of 2 million characters", "x".repeat(2_000_000));
        return in;
    }
}
