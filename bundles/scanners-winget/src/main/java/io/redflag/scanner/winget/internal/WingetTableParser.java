// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.ScanException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tables {@code winget upgrade} prints. winget has no machine-readable listing, so this
 * follows its table writer (winget-cli TableOutput): a header line, one line of dashes as wide as the
 * table, then one line per package with every column padded to its width in DISPLAY CELLS plus one
 * blank. Values never contain the column separator reliably (names and "&lt; 1.2" have blanks), so
 * columns are cut at the cell where each header label starts, never split on spaces.
 * <p>
 * The column order is fixed (Name, Id, Version, Available, and Source when more than one source is
 * configured); only the labels are translated, which is why positions, not words, are used.
 */
final class WingetTableParser {

    /** One line of a table, values as displayed (a cut value keeps its U+2026). */
    record Row(String name, String id, String version, String available, String source,
               boolean explicitTargeting, boolean idTruncated) {}

    /**
     * What the output held: every upgrade row; text after the first table worth showing an operator
     * (pin and other footers); whether any table was found; whether winget said in English that
     * nothing matched; and the "N upgrades available." count when it could be read.
     */
    record Listing(List<Row> rows, List<String> notes, boolean sawTable, boolean saidNothingFound,
                   Integer announcedCount) {}

    /** Beyond this the text cannot be a listing (500 packages take about 60 000 characters). */
    static final int MAX_CHARS = 8_000_000;
    /** A longer line is not a table row: measuring it would only cost time. */
    static final int MAX_LINE = 4_096;

    private static final Pattern DASHES = Pattern.compile("-{10,}\\s*");
    // VT sequences: CSI (colours, erase line) and OSC (winget >= 1.7 reports progress with ESC]9;4;…BEL)
    private static final Pattern DASHES_ONLY = Pattern.compile("-+\\s*");
    // "12 upgrades available.", "12 Aktualisierungen verfügbar.", "12 升级可用。": a number, words, a full stop
    private static final Pattern COUNT = Pattern.compile("(\\d+)\\s+\\S.*[.\u3002]");
    private static final Pattern LEADING_NUMBER = Pattern.compile("\\d+\\s.*");
    private static final String NOTHING_FOUND = "No installed package found matching input criteria.";
    // winget-cli winget.resw NoInstalledPackageFound / UpdateNotApplicable in en, de-DE, fr-FR, ja-JP, zh-CN
    private static final String[] NOTHING_TO_UPGRADE = {
        NOTHING_FOUND, "No applicable upgrade found.", "No available upgrade found.",
        "No newer package versions are available from the configured sources.",
        "Es wurde kein installiertes Paket gefunden, das den Eingabekriterien entspricht.",
        "Es wurde kein anwendbares Upgrade gefunden.",
        "Aucun package install\u00E9 ne correspond aux crit\u00E8res saisis.",
        "Aucune mise \u00E0 niveau applicable trouv\u00E9e.",
        "\u5165\u529B\u6761\u4EF6\u306B\u4E00\u81F4\u3059\u308B\u30A4\u30F3\u30B9\u30C8\u30FC\u30EB\u6E08\u307F"
            + "\u306E\u30D1\u30C3\u30B1\u30FC\u30B8\u304C\u898B\u3064\u304B\u308A\u307E\u305B\u3093\u3067\u3057\u305F\u3002",
        "\u9069\u7528\u53EF\u80FD\u306A\u30A2\u30C3\u30D7\u30B0\u30EC\u30FC\u30C9\u306F\u898B\u3064\u304B\u308A"
            + "\u307E\u305B\u3093\u3067\u3057\u305F\u3002",
        "\u627E\u4E0D\u5230\u4E0E\u8F93\u5165\u6761\u4EF6\u5339\u914D\u7684\u5DF2\u5B89\u88C5\u7A0B\u5E8F\u5305\u3002",
        "\u627E\u4E0D\u5230\u9002\u7528\u7684\u5347\u7EA7\u3002"};

    private WingetTableParser() {}

    static Listing parse(String output) throws ScanException {
        String all = output == null ? "" : output;
        if (all.length() > MAX_CHARS) {
            throw new ScanException("not the output of 'winget upgrade': " + all.length() + " characters");
        }
        // UTF-8 read as a Windows code page ("â€¦" for "…") would also shift every column after it
        List<String> lines = WrappedTable.unwrap(ToolText.asShown(ToolText.repairMojibake(all)));
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean sawTable = false;
        boolean nothing = false;
        Integer count = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (isHeader(lines, i)) {
                boolean explicit = i > 0 && isSectionTitle(lines.get(i - 1));
                int end = tableEnd(lines, i + 2);
                int used = readTable(lines, i, end, explicit, rows, notes);
                sawTable = true;
                i += 2 + used;
                // the count footer follows the first, regular table directly
                if (!explicit && i < lines.size() && LEADING_NUMBER.matcher(lines.get(i)).matches()) {
                    Matcher m = COUNT.matcher(lines.get(i).strip());
                    if (count == null && m.matches()) {
                        count = parseCount(m.group(1));
                    }
                    i++;   // also the footer of a second copy of the listing (a capture of two runs)
                }
                continue;
            }
            String text = line.strip();
            if (isNothingToUpgrade(text)) {
                nothing = true;
            } else if (sawTable && !text.isEmpty() && !isSectionTitle(text) && !isProgressResidue(text)) {
                notes.add(text);
            }
            i++;
        }
        if (!sawTable && !nothing) {
            // no header at all (cut off, or only the rows were kept): read each line from the right
            List<Row> headerless = HeaderlessRows.read(lines);
            if (!headerless.isEmpty()) {
                rows.addAll(headerless);
                sawTable = true;
                notes.clear();
                notes.add("winget's table had no header; its rows were read from the right (Id, Version, Available, Source)");
            }
        }
        return new Listing(rows, notes, sawTable, nothing, count);
    }

    private static Integer parseCount(String digits) {
        return digits.length() > 9 ? null : Integer.valueOf(digits);
    }


    static boolean isHeader(List<String> lines, int i) {
        return i + 1 < lines.size() && !lines.get(i).isBlank() && lines.get(i).length() <= MAX_LINE
                && isDashLine(lines.get(i + 1));
    }

    /** winget's line under a header: one run of dashes as wide as the table (it marks no column). */
    static boolean isDashLine(String line) {
        return line.length() <= MAX_LINE && DASHES.matcher(line).matches();
    }

    static boolean isDashesOnly(String line) {
        return line.length() <= MAX_LINE && DASHES_ONLY.matcher(line).matches();
    }

    /** The line above a second table ("…require explicit targeting for upgrade:"), in any language. */
    private static boolean isSectionTitle(String line) {
        String s = line.strip();
        return s.endsWith(":") || s.endsWith("\uFF1A") || s.contains("explicit targeting");
    }

    private static boolean isNothingToUpgrade(String text) {
        for (String s : NOTHING_TO_UPGRADE) {
            if (text.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** A finished progress bar ("  ████▒▒  1.00 MB / 2.19 MB") left on its own line. */
    private static boolean isProgressResidue(String text) {
        return text.indexOf('\u2588') >= 0 || text.indexOf('\u2592') >= 0;
    }

    /** Index after the last candidate row: rows stop at a blank line or the next table's header. */
    private static int tableEnd(List<String> lines, int first) {
        int k = first;
        while (k < lines.size() && !lines.get(k).isBlank() && lines.get(k).length() <= MAX_LINE && !isHeader(lines, k)) {
            k++;
        }
        return k;
    }

    /** Reads rows from lines[header+2, end); returns how many lines belonged to the table. */
    private static int readTable(List<String> lines, int header, int end, boolean explicit, List<Row> rows,
                                 List<String> notes) throws ScanException {
        List<Cells> candidates = new ArrayList<>();
        for (int k = header + 2; k < end; k++) {
            candidates.add(Cells.of(lines.get(k)));
        }
        List<Integer> starts = columnStarts(Cells.of(lines.get(header)), candidates);
        if (starts.size() < 4) {
            // e.g. the Name/Id/Version list of packages with unknown versions: no upgrade in it
            notes.add("skipped a winget table without an Available column: " + lines.get(header).strip());
            return candidates.size();
        }
        if (starts.size() > 5) {
            throw new ScanException("cannot tell winget's columns apart in the header '"
                    + lines.get(header).strip() + "'");
        }
        int used = 0;
        for (Cells c : candidates) {
            Row row = row(c, starts, explicit);
            if (row == null) {
                break;  // a footer ("12 upgrades available.") or other text: the table is over
            }
            rows.add(row);
            used++;
        }
        return used;
    }

    /**
     * Where each column starts, in cells: where a header label starts. A translated label could hold a
     * blank ("Verfügbare Version"); then there are more than five words, and a word is kept as a
     * column start only if the rows are blank just before it (all but the last row, which may be the
     * count footer) and some row has a value starting there (winget drops columns without values).
     */
    static List<Integer> columnStarts(Cells header, List<Cells> rows) {
        List<Integer> words = header.wordStarts();
        if (words.size() <= 5) {
            return words;
        }
        List<Integer> kept = new ArrayList<>();
        for (int p : words) {
            boolean edge = true;
            for (int r = 0; r < rows.size() - 1 && edge; r++) {
                edge = rows.get(r).blankAt(p - 1);
            }
            boolean valueStarts = rows.stream().anyMatch(r -> !r.blankAt(p));
            if (p == words.get(0) || (edge && valueStarts)) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** The row in this line, or null when the line cannot be one (blank missing at a column edge, no Id). */
    private static Row row(Cells c, List<Integer> starts, boolean explicit) {
        for (int k = 1; k < starts.size(); k++) {
            if (!c.blankAt(starts.get(k) - 1)) {
                return null;
            }
        }
        String[] v = new String[5];
        for (int k = 0; k < starts.size(); k++) {
            v[k] = (k + 1 < starts.size() ? c.slice(starts.get(k), starts.get(k + 1))
                    : c.sliceFrom(starts.get(k))).strip();
        }
        String id = v[1];
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace) || v[2].isEmpty() || v[3].isEmpty()) {
            return null;
        }
        String source = starts.size() == 5 && !v[4].isEmpty() ? v[4] : null;
        return new Row(v[0], id, v[2], v[3], source, explicit, ToolText.isCut(id));
    }
}
