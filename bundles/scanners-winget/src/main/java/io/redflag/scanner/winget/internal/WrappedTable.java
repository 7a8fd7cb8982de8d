// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Undoes a terminal's hard wrap of winget's table. winget sizes its table to the console it knows, but
 * a capture taken from a narrower window (a remote shell, a copied screen buffer) breaks every line
 * wider than the window into pieces of exactly that many cells. The dash line under the header gives
 * it away: winget writes it as ONE run of dashes as wide as the table, so two or more dash-only lines in
 * a row mean a wrap, the first one's length is the wrap width, and their sum is the table's width.
 * <p>
 * The pieces are joined back, each padded to the wrap width (a copied buffer may have lost the
 * blanks at the end of a piece). A row goes on while its last piece filled the line (or all but one
 * cell: a wide character that did not fit moves to the next line whole), or while it has not yet
 * reached the last column's start: every row has a value there. A row never grows past the table's width.
 */
final class WrappedTable {

    private WrappedTable() {}

    /** The lines with every wrapped table put back on one line per header and row. */
    static List<String> unwrap(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!WingetTableParser.isDashLine(line) || i + 1 >= lines.size()
                    || !WingetTableParser.isDashesOnly(lines.get(i + 1))) {
                out.add(line);
                i++;
                continue;
            }
            int wrap = line.strip().length();
            int total = 0;
            while (i < lines.size() && WingetTableParser.isDashesOnly(lines.get(i))) {
                total += lines.get(i).strip().length();
                i++;
            }
            String header = joinHeader(out, wrap, total);
            out.add("-".repeat(total));
            if (header == null) {
                continue;  // dashes without a header above: nothing to line the rows up with
            }
            List<Integer> words = Cells.of(header).wordStarts();
            int lastStart = words.isEmpty() ? 0 : words.get(words.size() - 1);
            while (i < lines.size() && !lines.get(i).isBlank() && !WingetTableParser.isHeader(lines, i)) {
                StringBuilder row = new StringBuilder(lines.get(i));
                int width = Cells.width(lines.get(i));
                int pieces = 1;
                i++;
                while (i < lines.size() && !lines.get(i).isBlank() && !WingetTableParser.isHeader(lines, i)) {
                    int next = Cells.width(lines.get(i));
                    boolean filled = width >= pieces * wrap - 1;
                    boolean short_ = width <= lastStart;
                    if (!(filled || short_) || pieces * wrap + next > total) {
                        break;
                    }
                    row.append(" ".repeat(Math.max(0, pieces * wrap - width))).append(lines.get(i));
                    width = pieces * wrap + next;
                    pieces++;
                    i++;
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /**
     * Replaces the header's pieces at the end of {@code out} by the whole header and returns it, or null
     * when no header stands above the dashes. As many pieces are taken as make a header that starts at
     * cell 0, has at least four labels and is no wider than the table.
     */
    private static String joinHeader(List<String> out, int wrap, int total) {
        int most = Math.min(out.size(), (total + wrap - 1) / wrap);
        for (int h = most; h >= 1; h--) {
            List<String> pieces = out.subList(out.size() - h, out.size());
            if (pieces.stream().anyMatch(p -> p.isBlank() || p.strip().endsWith(":") || p.strip().endsWith("\uFF1A"))
                    || Character.isWhitespace(pieces.get(0).charAt(0))) {
                continue;
            }
            StringBuilder header = new StringBuilder();
            for (int k = 0; k < h; k++) {
                String p = pieces.get(k);
                header.append(p);
                if (k + 1 < h) {
                    header.append(" ".repeat(Math.max(0, wrap - Cells.width(p))));
                }
            }
            String joined = header.toString();
            if (Cells.width(joined) <= total && (h == 1 || Cells.of(joined).wordStarts().size() >= 4)) {
                pieces.clear();
                out.add(joined);
                return joined;
            }
        }
        return null;
    }
}
