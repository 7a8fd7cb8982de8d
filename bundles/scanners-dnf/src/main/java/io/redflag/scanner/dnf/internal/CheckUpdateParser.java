// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@code dnf check-update} prints: dnf4's list and dnf5's {@code check-upgrade} table
 * (dnf5 ships {@code check-update} as an alias). Rows are {@code name.arch [epoch:]version-release repo}.
 * <p>
 * Quirks handled here:
 * <ul>
 * <li>dnf4 wraps a row when a column overflows its width: the long value ends the line and the next
 *     columns follow on an indented line. Rows are therefore assembled from tokens until three are
 *     there, not read line by line.</li>
 * <li>"Obsoleting Packages" (dnf4) / "Obsoleting packages" (dnf5): each obsoleting package is followed
 *     by indented rows naming the installed packages it replaces. dnf5 also lists the obsoleter in the
 *     plain upgrade list; it is counted once, and every obsoletes relation becomes a note.</li>
 * <li>"Last metadata expiration check: …", dnf5's "Updating and loading repositories:" and the
 *     running-kernel "Security: … is an installed security update" lines are not rows.</li>
 * </ul>
 */
final class CheckUpdateParser {

    /** The updates, keyed by nothing in particular, plus what is worth telling the operator. */
    record Result(List<PackageUpdateDTO> updates, List<String> notes, int cutNames) {}

    private CheckUpdateParser() {}

    /** "Obsoleting Packages" in dnf4's de, ja and zh_CN translations (po/*.po); dnf5 prints it in English. */
    private static final List<String> OBSOLETING = List.of("obsoleting packages", "veraltete pakete",
            "\u30d1\u30c3\u30b1\u30fc\u30b8\u306e\u5ec3\u6b62", "\u53d6\u4ee3\u7684\u8f6f\u4ef6\u5305");

    private static final java.util.regex.Pattern NAME_ARCH = java.util.regex.Pattern.compile("[A-Za-z0-9_+^~-][A-Za-z0-9_.+^~-]*\\.[A-Za-z0-9_]+");
    private static final java.util.regex.Pattern EVR_START = java.util.regex.Pattern.compile("(\\d+:)?[A-Za-z0-9]");

    static Result parse(String output) throws ScanException {
        if (output != null && output.length() > Text.MAX_CHARS) {
            throw new ScanException("not dnf check-update output: " + output.length() + " characters");
        }
        State s = new State();
        for (String line : unwrap(Text.lines(output))) {
            String t = line.strip();
            if (t.isEmpty()) {
                s.flush();
                continue;
            }
            if (Text.isChatter(t)) {
                s.dnfSeen = true;
                continue;
            }
            if (OBSOLETING.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                s.flush();
                s.obsoleting = true;
                s.dnfSeen = true;
                continue;
            }
            if (t.startsWith("Security: ")) {
                s.flush();
                s.notes.add(t);
                s.dnfSeen = true;
                continue;
            }
            List<String> tokens = Text.tokens(t);
            if (s.pending != null && Text.indented(line)) {
                s.pending.addAll(tokens);
            } else {
                s.flush();
                s.pending = tokens;
                s.pendingIndented = Text.indented(line);
            }
            if (s.pending.size() >= 3) {
                s.complete();
            }
        }
        s.flush();
        if (s.updates.isEmpty() && !s.unreadable.isEmpty() && !s.dnfSeen) {
            throw new ScanException("not dnf check-update output; first unreadable line: " + s.unreadable.get(0));
        }
        List<String> notes = new ArrayList<>(s.notes);
        for (String cut : s.cut) {
            notes.add("dnf cut the package name '" + cut + "' to fit the terminal; it is left out");
        }
        for (String u : s.unreadable) {
            notes.add("dnf: " + u);
        }
        return new Result(new ArrayList<>(s.updates.values()), notes, s.cut.size());
    }

    /**
     * Joins lines a terminal broke at its width (a dnf5 table is as wide as its longest row, and a narrow
     * window wraps it mid-word). The wrap width shows as the length of the longest lines; a line of that
     * length is joined with the next one only when the next is no row of its own (fewer than three words)
     * or the line alone is not a row, and the two together make one. dnf4 pads its own rows to the
     * terminal's width, so a padded, complete row is never joined.
     */
    static List<String> unwrap(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        if (width < 40) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            while (line.length() % width == 0 && line.length() <= 4 * width && i + 1 < lines.size()) {
                String next = lines.get(i + 1);
                if (next.isBlank() || Text.indented(next)
                        || (Text.tokens(next).size() >= 3 && isRow(line)) || !isRow(line + next)) {
                    break;
                }
                line = line + next;
                i++;
            }
            out.add(line);
        }
        return out;
    }

    /** A whole row on one line: name.arch (no colon: not a version), evr, repo. */
    private static boolean isRow(String line) {
        List<String> t = Text.tokens(line);
        return t.size() == 3 && NAME_ARCH.matcher(t.get(0)).matches()
                && EVR_START.matcher(t.get(1)).lookingAt() && Nevra.isEvr(t.get(1));
    }

    /** Parser state for one output; rows are keyed by "name.arch". */
    private static final class State {
        final Map<String, PackageUpdateDTO> updates = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
        final java.util.Set<String> cut = new java.util.LinkedHashSet<>();
        List<String> pending;
        boolean pendingIndented;
        boolean obsoleting;
        boolean dnfSeen;
        /** The last non-indented row of the obsoleting section: what the indented rows below it obsolete. */
        Nevra obsoleter;

        void flush() {
            if (pending != null && !pending.isEmpty()) {
                unreadable.add(String.join(" ", pending));
            }
            pending = null;
        }

        void complete() {
            List<String> row = pending;
            boolean indented = pendingIndented;
            pending = null;
            if (row.size() == 3 && ToolText.isCut(row.get(0))) {
                // a cut name.arch is no package id: never reported as one
                cut.add(row.get(0));
                return;
            }
            Optional<Nevra> parsed = row.size() == 3 && Nevra.isEvr(row.get(1))
                    ? Nevra.fromNameArch(row.get(0), row.get(1)) : Optional.empty();
            if (parsed.isEmpty()) {
                unreadable.add(String.join(" ", row));
                return;
            }
            Nevra n = parsed.get();
            String repo = row.get(2);
            if (!obsoleting && (indented || repo.startsWith("@") || repo.equals("<unknown>"))) {
                // an installed package ("@System", "@updates") indented under an obsoleter whose section title
                // this parser did not recognise (a translation it does not know): what is obsoleted, never an update
                obsoleting = true;
                if (obsoleter != null) {
                    notes.add(obsoleter.na() + " " + obsoleter.evr() + " obsoletes installed " + n.na() + " " + n.evr());
                } else {
                    unreadable.add(String.join(" ", row));
                }
                return;
            }
            if (!obsoleting) {
                obsoleter = n;
                updates.putIfAbsent(n.na(), update(n, repo));
            } else if (!indented) {
                // An obsoleter: dnf5 already listed it as an upgrade, dnf4 may not have. `dnf upgrade name.arch`
                // accepts an obsoleter of an installed package, so its own name.arch is its id either way.
                obsoleter = n;
                updates.putIfAbsent(n.na(), update(n, repo));
            } else if (obsoleter != null) {
                notes.add(obsoleter.na() + " " + obsoleter.evr() + " obsoletes installed " + n.na() + " " + n.evr());
            } else {
                unreadable.add(String.join(" ", row));
            }
        }

        private static PackageUpdateDTO update(Nevra n, String repo) {
            PackageUpdateDTO u = new PackageUpdateDTO();
            u.id = n.na();
            u.name = n.name();
            u.architecture = n.arch();
            u.availableVersion = n.evr();
            u.source = repo;
            return u;
        }
    }
}
