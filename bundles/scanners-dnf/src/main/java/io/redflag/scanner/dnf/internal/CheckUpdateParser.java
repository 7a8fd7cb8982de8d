// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

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
    record Result(List<PackageUpdateDTO> updates, List<String> notes) {}

    private CheckUpdateParser() {}

    static Result parse(String output) throws ScanException {
        State s = new State();
        for (String line : Text.lines(output)) {
            String t = line.strip();
            if (t.isEmpty()) {
                s.flush();
                continue;
            }
            if (Text.isChatter(t)) {
                s.dnfSeen = true;
                continue;
            }
            if (t.equalsIgnoreCase("Obsoleting Packages")) {
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
        for (String u : s.unreadable) {
            notes.add("dnf: " + u);
        }
        return new Result(new ArrayList<>(s.updates.values()), notes);
    }

    /** Parser state for one output; rows are keyed by "name.arch". */
    private static final class State {
        final Map<String, PackageUpdateDTO> updates = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
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
            Optional<Nevra> parsed = row.size() == 3 && Nevra.isEvr(row.get(1))
                    ? Nevra.fromNameArch(row.get(0), row.get(1)) : Optional.empty();
            if (parsed.isEmpty()) {
                unreadable.add(String.join(" ", row));
                return;
            }
            Nevra n = parsed.get();
            String repo = row.get(2);
            if (!obsoleting) {
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
