// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.scanner.UpdateClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code apt list --upgradable}: one line per pending update,
 * {@code name/suite[,suite…] candidate arch [upgradable from: installed]}.
 * <p>
 * The bracket is translated ({@code [aktualisierbar von: …]}, {@code [pouvant être mis à jour depuis : …]}),
 * so only its shape is relied on: a label ending in a colon, then the version. Progress lines ("Listing...",
 * "Auflistung…"), apt's stderr warning and, when a capture holds both commands, the lines of
 * {@code apt-get -s upgrade} are skipped.
 */
final class AptListParser {

    /** What a listing held: the updates and remarks worth passing on. */
    record Listing(List<PackageUpdateDTO> updates, List<String> notes) {}

    // name/suites version arch [status]; suites may be empty when apt knows no archive for the version
    private static final Pattern LINE = Pattern.compile(
            "^([a-z0-9][a-z0-9+.\\-]*)/(\\S*)\\s+(\\S+)\\s+(\\S+)(?:\\s+\\[([^\\]]*)\\])?\\s*$");
    private static final Pattern SIMULATION_SUMMARY = Pattern.compile("^\\d+ [^,]+, \\d+ [^,]+, \\d+ .*");

    private AptListParser() {}

    /**
     * @param nativeArch the host's dpkg architecture ({@code dpkg --print-architecture}), or null to
     *        take the most frequent architecture of the listing; packages of another architecture
     *        (except "all") get the id {@code name:arch}, as apt-get expects them
     * @throws ScanException if apt reported an error, or nothing in the text looks like apt list output
     */
    static Listing parse(String output, String nativeArch) throws ScanException {
        List<String[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        String[] lines = Text.stripAnsi(output).split("\\R");
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || Text.isProgress(line) || line.startsWith("WARNING:")
                    || isSimulationLine(raw)) {
                continue;
            }
            if (line.startsWith("E: ")) {
                throw new ScanException("apt reported an error: " + line.substring(3));
            }
            if (line.startsWith("W: ") || line.startsWith("N: ")) {
                notes.add(line.substring(3));
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                unknown.add(line);
                continue;
            }
            // the version is the bracket's last word, after a label ending in ':' ("from: ", "von: ",
            // "depuis : "); not simply after the last colon, which may be the version's epoch
            String status = m.group(5) == null ? "" : m.group(5).strip();
            int space = status.lastIndexOf(' ');
            String label = space < 0 ? "" : status.substring(0, space).strip();
            if (!label.endsWith(":")) {
                // "[installed]", "[residual-config]" or no bracket: apt list output, but not a pending update
                continue;
            }
            String other = status.substring(space + 1);
            // "[installed,upgradable to: X]" (apt list --installed) names the candidate; every
            // translation keeps the comma, "[upgradable from: X]" has none
            boolean otherIsCandidate = label.contains(",");
            String installed = otherIsCandidate ? m.group(3) : other;
            String available = otherIsCandidate ? other : m.group(3);
            rows.add(new String[] {m.group(1), m.group(2), installed, available, m.group(4)});
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
