// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.scanner.UpdateClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code apt list --upgradable}: one line per pending update,
 * {@code name/suite[,suite…] candidate arch [upgradable from: installed]}.
 * <p>
 * The bracket is translated ({@code [aktualisierbar von: …]}, {@code [可从该版本升级：…]}, {@code [… からアップグレード可]}),
 * so only its shape is relied on: one word in it is a version. A line a narrow terminal broke is joined
 * back, a capture decoded in a Windows code page is repaired, and a package listed twice counts once. Progress lines ("Listing...",
 * "Auflistung…"), apt's stderr warning and, when a capture holds both commands, the lines of
 * {@code apt-get -s upgrade} are skipped.
 */
final class AptListParser {

    /** What a listing held: the updates and remarks worth passing on. */
    record Listing(List<PackageUpdateDTO> updates, List<String> notes) {}

    // name/suites version arch [status]; suites may be empty when apt knows no archive for the version
    private static final Pattern LINE = Pattern.compile(
            "^([a-z0-9][a-z0-9+.\\-]*)/(\\S*)\\s+(\\S+)\\s+(\\S+)(?:\\s+\\[([^\\]]*)\\])?\\s*$");
    private static final Pattern PACKAGE_START = Pattern.compile("[a-z0-9][a-z0-9+.\\-]*/");
    // a Debian version: optional epoch, then a digit (labels of any translation start with a letter)
    private static final Pattern VERSION = Pattern.compile("(?:\\d+:)?\\d[A-Za-z0-9.+~:-]*");
    /** Beyond this the text is no listing (every Debian package at once takes about 6 MB). */
    static final int MAX_CHARS = 16_000_000;
    private static final int MAX_LINE = 4_096;
    /** How many lines one wrapped line may have been broken into. */
    private static final int MAX_PIECES = 3;
    private static final Pattern SIMULATION_SUMMARY = Pattern.compile("^\\d+ [^,]+, \\d+ [^,]+, \\d+ .*");

    private AptListParser() {}

    /**
     * @param nativeArch the host's dpkg architecture ({@code dpkg --print-architecture}), or null to
     *        take the most frequent architecture of the listing; packages of another architecture
     *        (except "all") get the id {@code name:arch}, as apt-get expects them
     * @throws ScanException if apt reported an error, or nothing in the text looks like apt list output
     */
    static Listing parse(String output, String nativeArch) throws ScanException {
        if (output != null && output.length() > MAX_CHARS) {
            throw new ScanException("not apt list output: " + output.length() + " characters");
        }
        List<String[]> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> notes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        // UTF-8 read as a Windows code page ("Auflistungâ€¦") is repaired first, so translated words stay readable
        String[] lines = ToolText.stripEscapes(ToolText.repairMojibake(output)).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || Text.isProgress(line) || line.startsWith("WARNING:")
                    || (isSimulationLine(raw) && !PACKAGE_START.matcher(raw).lookingAt())) {
                continue;
            }
            if (line.startsWith("E: ")) {
                throw new ScanException("apt reported an error: " + line.substring(3));
            }
            if (line.startsWith("W: ") || line.startsWith("N: ")) {
                notes.add(line.substring(3));
                continue;
            }
            Matcher m = line.length() > MAX_LINE ? null : LINE.matcher(line);
            boolean whole = m != null && m.matches() && m.group(5) != null;
            if (!whole && m != null && PACKAGE_START.matcher(line).lookingAt()) {
                // a terminal narrower than the line broke it: join the pieces back (cut mid-word, or at a
                // blank a copy dropped)
                for (int k = 1; k <= MAX_PIECES && i + k < lines.length && !whole; k++) {
                    for (String glue : new String[] {"", " "}) {
                        String joined = join(lines, i, k, glue);
                        Matcher j = joined.length() > MAX_LINE ? null : LINE.matcher(joined);
                        if (j != null && j.matches() && j.group(5) != null && version(j.group(5)) != null) {
                            m = j;
                            whole = true;
                            i += k;
                            break;
                        }
                    }
                }
            }
            if (m == null || !m.matches()) {
                unknown.add(line);
                continue;
            }
            String[] bracket = m.group(5) == null ? null : version(m.group(5));
            if (bracket == null) {
                // "[installed]", "[residual-config]" or no bracket: apt list output, but not a pending update
                continue;
            }
            boolean otherIsCandidate = bracket[1] != null;
            String installed = otherIsCandidate ? m.group(3) : bracket[0];
            String available = otherIsCandidate ? bracket[0] : m.group(3);
            // the same package twice (a capture holding two runs): reported once
            if (seen.add(m.group(1) + "/" + m.group(4))) {
                rows.add(new String[] {m.group(1), m.group(2), installed, available, m.group(4)});
            }
        }
        if (rows.isEmpty() && !unknown.isEmpty()) {
            throw new ScanException("not apt list output; first unreadable line: '" + Text.abbreviate(unknown.get(0)) + "'");
        }
        for (String u : unknown) {
            notes.add("ignored an unexpected line of apt list: " + Text.abbreviate(u));
        }
        String arch = nativeArch == null || nativeArch.isBlank() ? mostFrequentArch(rows) : nativeArch.strip();
        List<PackageUpdateDTO> updates = new ArrayList<>();
        for (String[] r : rows) {
            updates.add(toUpdate(r[0], r[1], r[2], r[3], r[4], arch));
        }
        return new Listing(updates, notes);
    }

    /**
     * The version a status bracket names, in any translation, or null when it names none ("installed",
     * "residual-config"). Only the shape is relied on: exactly one word that is a Debian version (a digit
     * first, or an epoch); the label around it may come before ("upgradable from: 1.2", "可从该版本升级：1.2")
     * or after it ("1.2 からアップグレード可"). A comma in the label (also "，" or "、") is the
     * {@code apt list --installed} form "installed,upgradable to: X", where the version is the candidate:
     * then the second element is non-null.
     */
    static String[] version(String status) {
        String s = status.replace('\uFF1A', ' ').replace('\uFF0C', ',').replace('\u3001', ',');
        String found = null;
        for (String word : s.split("[\\s\u00A0,]+")) {
            if (VERSION.matcher(word).matches()) {
                if (found != null) {
                    return null;   // two versions: not a bracket apt writes
                }
                found = word;
            }
        }
        return found == null ? null : new String[] {found, s.contains(",") ? "candidate" : null};
    }

    private static String join(String[] lines, int first, int extra, String glue) {
        StringBuilder joined = new StringBuilder(lines[first]);
        for (int k = 1; k <= extra; k++) {
            joined.append(glue).append(lines[first + k]);
        }
        return joined.toString().strip();
    }

    private static PackageUpdateDTO toUpdate(String name, String suites, String installed, String available,
            String arch, String nativeArch) {
        PackageUpdateDTO u = new PackageUpdateDTO();
        // apt list prints the bare name even for a foreign-architecture package; apt-get needs name:arch
        boolean foreign = !arch.equals("all") && nativeArch != null && !arch.equals(nativeArch);
        u.id = foreign ? name + ":" + arch : name;
        u.name = name;
        u.installedVersion = installed;
        u.availableVersion = available;
        u.source = suites.isEmpty() ? null : suites;
        u.architecture = arch;
        // Debian and Ubuntu publish no per-package severity through apt. A version from a *-security
        // pocket (bookworm-security, jammy-security, noble-infra-security, …) fixes a vulnerability
        // the security team judged worth a dedicated update, so we call it IMPORTANT; the real
        // severity lives in DSA/USN texts that apt does not show. Any other pocket of a released
        // distribution (the point release, -updates) carries bug fixes: LOW. Without a pocket apt
        // tells nothing.
        u.security = isSecurityPocket(suites);
        if (u.security) {
            u.severity = Severity.IMPORTANT;
            u.classification = UpdateClass.SECURITY;
        } else if (!suites.isBlank()) {
            u.severity = Severity.LOW;
            u.classification = UpdateClass.BUGFIX;
        } else {
            u.severity = Severity.UNKNOWN;
        }
        // null: apt list does not say; a reboot is detected after installing (/var/run/reboot-required)
        u.downloadSize = null;
        u.rebootRequired = false;
        return u;
    }

    static boolean isSecurityPocket(String suites) {
        for (String s : suites.split(",")) {
            if (s.strip().toLowerCase(Locale.ROOT).endsWith("-security")) {
                return true;
            }
        }
        return false;
    }

    private static String mostFrequentArch(List<String[]> rows) {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        for (String[] r : rows) {
            if (!r[4].equals("all")) {
                int n = counts.merge(r[4], 1, Integer::sum);
                if (best == null || n > counts.get(best)) {
                    best = r[4];
                }
            }
        }
        return best;
    }

    /** Lines of {@code apt-get -s upgrade}, which a combined capture may hold after the listing. */
    private static boolean isSimulationLine(String raw) {
        return raw.startsWith(" ") || raw.startsWith("Inst ") || raw.startsWith("Conf ")
                || raw.startsWith("Remv ") || raw.startsWith("Purg ") || raw.strip().endsWith(":")
                || SIMULATION_SUMMARY.matcher(raw).matches();
    }
}
