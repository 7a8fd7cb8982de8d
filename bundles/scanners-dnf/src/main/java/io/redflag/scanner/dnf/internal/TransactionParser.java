// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the transaction table dnf prints before asking "Is this ok", as {@code dnf --assumeno upgrade …}
 * leaves it. dnf4 (dnf/cli/output.py {@code list_transaction}) and dnf5
 * (libdnf5-cli/output/transaction_table.cpp) share the layout: a column header
 * "Package Arch Version Repository Size", section lines such as "Upgrading:" and rows
 * {@code name arch [epoch:]version-release repo size}. They differ in:
 * <ul>
 * <li>dnf4 wraps a row when a column overflows, continuing on an indented line; rows are therefore
 *     assembled until they end with a size. Sizes are "1.8 M", "16 k" or "512".</li>
 * <li>obsoleted packages: dnf4 adds "{@code replacing  name.arch evr}" under the obsoleter; dnf5 adds
 *     "{@code replacing name arch evr repo size}" under every upgrade, naming the old version (newer dnf5
 *     drop the name when it is the same: "{@code replacing arch evr repo size}").</li>
 * <li>the summary: "Transaction Summary" and "=" rules (dnf4), "Transaction Summary:" (dnf5).</li>
 * </ul>
 * The plan is the table: a transaction is there when a summary was printed; "Nothing to do." without a
 * summary is an empty plan; anything else (no match, depsolve problem) is not a plan.
 */
final class TransactionParser {

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z]{1,3}");

    /** What the rows under a section line mean. */
    private record Section(String label, ChangeAction action, boolean packageRows) {

        static Section of(String label) {
            String l = label.toLowerCase(java.util.Locale.ROOT);
            if (l.startsWith("installing group") || l.startsWith("installing module")
                    || l.startsWith("installing environment")) {
                return new Section(label, null, false);
            }
            if (l.startsWith("installing")) {
                return new Section(label, ChangeAction.INSTALL, true);
            }
            if (l.equals("upgrading")) {
                return new Section(label, ChangeAction.UPGRADE, true);
            }
            if (l.equals("downgrading")) {
                return new Section(label, ChangeAction.DOWNGRADE, true);
            }
            if (l.equals("reinstalling")) {
                return new Section(label, ChangeAction.REINSTALL, true);
            }
            if (l.equals("removing") || l.startsWith("removing dependent") || l.startsWith("removing unused")) {
                return new Section(label, ChangeAction.REMOVE, true);
            }
            // skipped packages are package rows that do NOT change; groups, modules, reasons are no packages
            return new Section(label, null, l.startsWith("skipping"));
        }
    }

    private final TransactionPlanDTO plan = new TransactionPlanDTO();
    private final List<String> preamble = new ArrayList<>();
    private Section section;
    private List<String> pending;
    private PackageChangeDTO last;
    private boolean table;
    private boolean summary;
    private boolean nothingToDo;

    private TransactionParser() {}

    /**
     * Parses dnf's output (stdout and stderr together, as dnf versions differ in which stream gets what).
     *
     * @throws ScanException if dnf printed no transaction and did not say there was nothing to do
     */
    static TransactionPlanDTO parse(String output) throws ScanException {
        TransactionParser p = new TransactionParser();
        for (String line : Text.lines(output)) {
            if (p.summary) {
                break;
            }
            p.line(line);
        }
        p.flush();
        if (!p.summary) {
            if (p.nothingToDo) {
                p.plan.notes.add("Nothing to do.");
                return p.plan;
            }
            String why = Text.firstLine(String.join("\n", p.preamble), "Error:", "Problem", "No match");
            throw new ScanException("dnf printed no transaction" + (why.isEmpty() ? "" : ": " + why));
        }
        p.plan.notes.addAll(0, p.preamble);
        return p.plan;
    }

    private void line(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            flush();
            return;
        }
        if (t.startsWith("Transaction Summary")) {
            flush();
            summary = true;
            return;
        }
        if (t.equals("Nothing to do.")) {
            nothingToDo = true;
            return;
        }
        if (t.chars().allMatch(c -> c == '=') || Text.isChatter(t)) {
            return;
        }
        List<String> tokens = Text.tokens(t);
        if (tokens.get(0).equals("Package") && tokens.contains("Version")
                && (tokens.contains("Arch") || tokens.contains("Architecture"))) {
            table = true;
            return;
        }
        if (!table) {
            preamble.add(t);
            return;
        }
        if (!Text.indented(line) && t.endsWith(":")) {
            flush();
            // dnf4 spells one header on two lines: "Skipping packages with conflicts:\n(add '--best …'):"
            if (!t.startsWith("(")) {
                section = Section.of(t.substring(0, t.length() - 1));
            }
            last = null;
            return;
        }
        if (section == null || !section.packageRows()) {
            plan.notes.add((section == null ? "" : section.label() + ": ") + t);
            return;
        }
        if (tokens.get(0).equals("replacing")) {
            flush();
            replacing(tokens.subList(1, tokens.size()), t);
            return;
        }
        if (pending == null && tokens.contains("->")) {
            // dnf5 "Changing reason" detail such as "user -> dependency"
            plan.notes.add(section.label() + ": " + t);
            return;
        }
        if (pending == null) {
            pending = tokens;
        } else {
            pending.addAll(tokens);
        }
        int size = sizeTokens(pending);
        if (size > 0 && pending.size() - size >= 4) {
            row(pending.subList(0, pending.size() - size));
            pending = null;
        }
    }

    private void flush() {
        if (pending != null) {
            plan.notes.add("unreadable row: " + String.join(" ", pending));
            pending = null;
        }
    }

    private void row(List<String> cols) {
        String text = String.join(" ", cols);
        if (cols.size() != 4 || !Nevra.isEvr(cols.get(2))) {
            plan.notes.add("unreadable row: " + text);
            last = null;
            return;
        }
        if (section.action() == null) {
            plan.notes.add(section.label() + ": " + text);
            last = null;
            return;
        }
        PackageChangeDTO c = new PackageChangeDTO();
        c.action = section.action();
        c.name = cols.get(0);
        c.architecture = cols.get(1);
        c.source = cols.get(3);
        String evr = cols.get(2);
        switch (c.action) {
            case REMOVE:
                c.fromVersion = evr;
                break;
            case REINSTALL:
                c.fromVersion = evr;
                c.toVersion = evr;
                break;
            default:
                c.toVersion = evr;
        }
        plan.changes.add(c);
        last = c;
    }

    /** A "replacing" line: the old version of {@link #last} (dnf5), or a package it obsoletes. */
    private void replacing(List<String> rest, String text) {
        if (last == null) {
            plan.notes.add(text);
            return;
        }
        String name;
        String arch;
        String evr;
        String repo = null;
        Optional<Nevra> dnf4 = rest.size() == 2 && Nevra.isEvr(rest.get(1))
                ? Nevra.fromNameArch(rest.get(0), rest.get(1)) : Optional.empty();
        if (dnf4.isPresent()) {
            name = dnf4.get().name();
            arch = dnf4.get().arch();
            evr = dnf4.get().evr();
        } else {
            List<String> cols = rest.subList(0, rest.size() - sizeTokens(rest));
            if (cols.size() == 3) {
                // newer dnf5: the name is left out when it is the upgraded package's own
                cols = new ArrayList<>(cols);
                cols.add(0, last.name);
            }
            if (cols.size() != 4 || !Nevra.isEvr(cols.get(2))) {
                plan.notes.add("unreadable row: " + text);
                return;
            }
            name = cols.get(0);
            arch = cols.get(1);
            evr = cols.get(2);
            repo = cols.get(3);
        }
        boolean versionChange = last.action == ChangeAction.UPGRADE || last.action == ChangeAction.DOWNGRADE
                || last.action == ChangeAction.REINSTALL;
        if (versionChange && name.equals(last.name)) {
            if (last.fromVersion == null) {
                last.fromVersion = evr;
            }
            return;
        }
        // another package, obsoleted by last: it leaves the system
        PackageChangeDTO removed = PackageChangeDTO.of(ChangeAction.REMOVE, name, evr, null);
        removed.architecture = arch;
        removed.source = repo;
        plan.changes.add(removed);
        plan.notes.add(name + "." + arch + " " + evr + " is replaced by " + last.name + "." + last.architecture
                + " " + last.toVersion);
    }

    /** How many trailing tokens form the size column: "512", "16 k", "1.8 M", "22.9 MiB", "0.0 B". */
    private static int sizeTokens(List<String> tokens) {
        int n = tokens.size();
        if (n >= 1 && NUMBER.matcher(tokens.get(n - 1)).matches()) {
            return 1;
        }
        if (n >= 2 && UNIT.matcher(tokens.get(n - 1)).matches() && NUMBER.matcher(tokens.get(n - 2)).matches()) {
            return 2;
        }
        return 0;
    }
}
