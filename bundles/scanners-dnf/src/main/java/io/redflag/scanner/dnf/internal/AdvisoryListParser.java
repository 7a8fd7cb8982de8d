// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.ScanException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code dnf updateinfo list --updates [--with-cve]} in both dialects; dnf5 ships
 * {@code updateinfo} as an alias of {@code advisory}, so one command line serves both and the
 * output tells which dnf answered.
 * <ul>
 * <li>dnf4 (dnf/cli/commands/updateinfo.py {@code display_list}): no header, rows
 *     {@code ID LABEL NEVRA}, where LABEL is "Critical/Sec.", "Important/Sec.", "Moderate/Sec.",
 *     "Low/Sec.", "Unknown/Sec." for security advisories and the type ("bugfix", "enhancement",
 *     "newpackage", "unknown") for the others. With {@code --with-cve} the ID column holds CVE ids.</li>
 * <li>dnf5 (libdnf5-cli/output/advisorylist.cpp): a header "Name Type Severity Package Issued"
 *     ("CVE …" with {@code --with-cve}) whose widths need not match the rows, so rows are read as
 *     tokens: id, type, [severity,] package, issued date and time. The severity cell may be empty.</li>
 * </ul>
 */
final class AdvisoryListParser {

    /**
     * One advisory (or CVE) row.
     *
     * @param id advisory id, or CVE id when listed with {@code --with-cve}
     * @param type "security", "bugfix", … as dnf names it
     * @param severity dnf's severity word ("Important", "none", a custom value), or null when none is shown
     * @param nevra the package the advisory updates
     * @param issued issue time as printed, or null (dnf4 shows it only in verbose mode)
     */
    record AdvisoryRow(String id, String type, String severity, String nevra, String issued) {}

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");
    private static final String SEC_SUFFIX = "/Sec.";

    private AdvisoryListParser() {}

    static List<AdvisoryRow> parse(String output) throws ScanException {
        List<AdvisoryRow> rows = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        boolean dnf5Table = false;
        boolean dnfSeen = false;
        for (String line : Text.lines(output)) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (Text.isChatter(t)) {
                dnfSeen = true;
                continue;
            }
            List<String> tokens = Text.tokens(t);
            if (tokens.size() >= 5 && tokens.get(1).equals("Type") && tokens.get(2).equals("Severity")) {
                dnf5Table = true;
                dnfSeen = true;
                continue;
            }
            AdvisoryRow row = dnf5Table ? dnf5Row(tokens) : dnf4Row(tokens);
            if (row == null) {
                unreadable.add(t);
            } else {
                rows.add(row);
            }
        }
        if (rows.isEmpty() && !unreadable.isEmpty() && !dnfSeen) {
            throw new ScanException("not dnf updateinfo output; first unreadable line: " + unreadable.get(0));
        }
        return rows;
    }

    private static AdvisoryRow dnf5Row(List<String> tokens) {
        int n = tokens.size();
        if (n < 5 || !DATE.matcher(tokens.get(n - 2)).matches() || !TIME.matcher(tokens.get(n - 1)).matches()) {
            return null;
        }
        String issued = tokens.get(n - 2) + " " + tokens.get(n - 1);
        // 6 tokens: id type severity package date time; 5: the severity cell is empty.
        String severity = n == 6 ? tokens.get(2) : null;
        String nevra = tokens.get(n - 3);
        if (n > 6 || Nevra.parse(nevra).isEmpty()) {
            return null;
        }
        return new AdvisoryRow(tokens.get(0), tokens.get(1), severity, nevra, issued);
    }

    private static AdvisoryRow dnf4Row(List<String> tokens) {
        // "i " marks installed advisories when listing with --all; we list --updates, but accept it.
        if (tokens.size() >= 4 && tokens.get(0).equals("i")) {
            tokens = tokens.subList(1, tokens.size());
        }
        int n = tokens.size();
        if (n != 3 && n != 5) {
            return null;
        }
        String nevra = tokens.get(2);
        if (Nevra.parse(nevra).isEmpty()) {
            return null;
        }
        // verbose mode appends the advisory's update time
        String issued = n == 5 ? tokens.get(3) + " " + tokens.get(4) : null;
        String label = tokens.get(1);
        if (label.endsWith(SEC_SUFFIX)) {
            String severity = label.substring(0, label.length() - SEC_SUFFIX.length());
            return new AdvisoryRow(tokens.get(0), "security", severity.equals("Unknown") ? null : severity,
                    nevra, issued);
        }
        return new AdvisoryRow(tokens.get(0), label, null, nevra, issued);
    }
}
