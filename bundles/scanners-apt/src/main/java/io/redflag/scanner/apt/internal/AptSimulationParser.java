// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanException;
import io.redflag.version.VersionOrderings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what {@code apt-get -s} (simulate) prints for {@code install} or {@code upgrade}.
 * <p>
 * The changes come from apt's simulator lines, which are never translated
 * (apt-pkg/algorithms.cc, pkgSimulate):
 * <pre>
 * Inst name[:arch] [installed] (candidate Label:Version/archive[, …] [arch]) [broken deps…]
 * Inst name[:arch] (candidate … [arch])            a new package
 * Conf name[:arch] (candidate … [arch])
 * Remv name[:arch] [installed]                      Purg likewise
 * </pre>
 * The package lists above them ("kept back", "deferred due to phasing", "held packages will be
 * changed") are read too, in their English (LC_ALL=C) wording only. Other lines become notes.
 */
final class AptSimulationParser {

    /** A parsed simulation. Package names in the lists are as apt prints them: {@code name} or {@code name:arch}. */
    record Simulation(List<PackageChangeDTO> changes, List<String> notes, Set<String> keptBack,
            Set<String> deferredByPhasing, Set<String> heldChanged) {}

    static final String KEPT_BACK = "The following packages have been kept back:";
    /** apt 2.7 and later (Ubuntu 24.04+); older apt lists phased updates as kept back. */
    static final String DEFERRED = "The following upgrades have been deferred due to phasing:";
    static final String HELD_CHANGED = "The following held packages will be changed:";

    private static final Pattern ACTION = Pattern.compile(
            "^(Inst|Conf|Remv|Purg) (\\S+)(?: \\[([^\\]]*)\\])?(?: \\((\\S+)\\s*(.*?)\\s*\\[([^\\]\\s]+)\\]\\))?.*$");
    private static final Pattern ACTION_START = Pattern.compile("(Inst|Conf|Remv|Purg) ");
    private static final Pattern SUMMARY = Pattern.compile("^\\d+ [^,]+, \\d+ [^,]+, \\d+ .*");

    private AptSimulationParser() {}

    /**
     * @throws ScanException if the text has neither simulator lines nor apt-get's progress or summary lines
     */
    static Simulation parse(String output) throws ScanException {
        List<PackageChangeDTO> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        Set<String> deferred = new LinkedHashSet<>();
        Set<String> held = new LinkedHashSet<>();
        boolean looksLikeAptGet = false;
        Set<String> section = null;
        if (output != null && output.length() > AptListParser.MAX_CHARS) {
            throw new ScanException("not apt-get simulation output: " + output.length() + " characters");
        }
        for (String raw : joinWrappedActions(ToolText.stripEscapes(ToolText.repairMojibake(output)).split("\\R"))) {
            if (raw.isBlank()) {
                continue;
            }
            if (raw.startsWith(" ")) {
                // a wrapped package list belongs to the header above it; broken-dependency details
                // after "Conf x broken" also start with a space and are covered by the E: line
                if (section != null) {
                    for (String token : raw.strip().split("\\s+")) {
                        if (!token.startsWith("(") && !token.endsWith(")") && !token.equals("=>")) {
                            section.add(token);
                        }
                    }
                }
                continue;
            }
            section = null;
            String line = raw.strip();
            Matcher m = ACTION.matcher(line);
            if (m.matches()) {
                looksLikeAptGet = true;
                PackageChangeDTO change = toChange(m);
                if (change != null) {
                    changes.add(change);
                } else {
                    notes.add(line);
                }
            } else if (line.equals(KEPT_BACK)) {
                section = kept;
            } else if (line.equals(DEFERRED)) {
                section = deferred;
            } else if (line.equals(HELD_CHANGED)) {
                section = held;
            } else if (line.endsWith(":")) {
                // "will be upgraded", "NEW packages", "Suggested packages", Ubuntu Pro adverts…:
                // the simulator lines already say what happens; nothing to collect
                looksLikeAptGet |= line.startsWith("The following ");
                section = new LinkedHashSet<>();
            } else if (Text.isProgress(line) || SUMMARY.matcher(line).matches()) {
                looksLikeAptGet = true;
            } else {
                notes.add(line.startsWith("E: ") || line.startsWith("W: ") || line.startsWith("N: ")
                        ? line : Text.abbreviate(line));
            }
        }
        if (!looksLikeAptGet) {
            throw new ScanException("not apt-get simulation output: no Inst/Conf/Remv lines, progress or summary line");
        }
        return new Simulation(changes, notes, kept, deferred, held);
    }

    /**
     * The lines with every simulator line a narrow terminal broke joined back: an "Inst"/"Conf" line whose
     * parenthesis is still open continues on the next lines (at most three), glued as they were cut.
     */
    static List<String> joinWrappedActions(String[] lines) {
        List<String> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int pieces = 0;
            while (ACTION_START.matcher(line).lookingAt() && open(line) && pieces < 3 && i + 1 < lines.length
                    && !lines[i + 1].isBlank() && !ACTION_START.matcher(lines[i + 1]).lookingAt()
                    && line.length() < 4_096) {
                line = line + lines[++i];
                pieces++;
            }
            out.add(line);
        }
        return out;
    }

    private static boolean open(String line) {
        int depth = 0;
        for (int k = 0; k < line.length(); k++) {
            depth += line.charAt(k) == '(' ? 1 : line.charAt(k) == ')' ? -1 : 0;
        }
        return depth > 0;
    }

    /** The change an action line describes, or null when it describes none ("Conf x broken"). */
    private static PackageChangeDTO toChange(Matcher m) {
        String verb = m.group(1);
        String printed = m.group(2);
        String current = m.group(3);
        String candidate = m.group(4);
        String releases = m.group(5);
        String arch = m.group(6);
        ChangeAction action;
        switch (verb) {
            case "Inst":
                if (candidate == null) {
                    return null;
                }
                if (current == null) {
                    action = ChangeAction.INSTALL;
                } else {
                    int c = VersionOrderings.DPKG.compare(candidate, current);
                    action = c == 0 ? ChangeAction.REINSTALL : c < 0 ? ChangeAction.DOWNGRADE : ChangeAction.UPGRADE;
                }
                break;
            case "Conf":
                if (candidate == null) {
                    return null;
                }
                action = ChangeAction.CONFIGURE;
                current = null;
                break;
            default:
                action = ChangeAction.REMOVE;
                candidate = null;
                break;
        }
        // apt qualifies foreign-architecture packages (libc6:i386); native ones only carry the
        // architecture in the candidate's bracket, which a removal line does not have
        int colon = printed.indexOf(':');
        String name = colon < 0 ? printed : printed.substring(0, colon);
        PackageChangeDTO c = PackageChangeDTO.of(action, name, current, candidate);
        c.architecture = colon < 0 ? arch : printed.substring(colon + 1);
        c.source = archives(releases);
        return c;
    }

    /**
     * The archives (suites) of a release string such as
     * {@code Debian:12.15/oldstable, Debian-Security:12/oldstable-security}: each entry is
     * {@code [Label:]Version/Archive} or {@code [Label:]Archive}.
     */
    static String archives(String releases) {
        if (releases == null || releases.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String r : releases.split(", ")) {
            String s = r.strip();
            int slash = s.lastIndexOf('/');
            int colon = s.lastIndexOf(':');
            out.add(slash >= 0 ? s.substring(slash + 1) : colon >= 0 ? s.substring(colon + 1) : s);
        }
        return String.join(",", out);
    }
}
