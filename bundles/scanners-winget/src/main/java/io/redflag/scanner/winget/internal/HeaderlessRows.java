// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.winget.internal.WingetTableParser.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads winget's rows when the header and dash line are missing (a copy that starts below them). */
final class HeaderlessRows {

    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern STORE_ID = Pattern.compile("[0-9A-Z]{12}");

    private HeaderlessRows() {}

    /**
     * Rows of a table whose header (and dash line) is missing. Every column but the Name holds one
     * word (Version may be "&lt; 1.2" or "&gt; 1.2"), so a line is read from its end: an optional Source
     * (a word without digits: winget, msstore), Available (has a digit), Version, Id (has a dot, is a
     * 12-character Store id, or an ARP\ / MSIX\ path); the Name is what stands before the Id.
     */
    static List<Row> read(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.length() > WingetTableParser.MAX_LINE) {
                continue;
            }
            List<int[]> spans = new ArrayList<>();
            Matcher m = TOKEN.matcher(line);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            int k = spans.size() - 1;
            if (k < 3) {
                continue;
            }
            String source = null;
            String last = text(line, spans.get(k));
            if (!hasDigit(last)) {
                source = last;
                k--;
            }
            if (k < 3) {
                continue;
            }
            String available = text(line, spans.get(k--));
            String version = text(line, spans.get(k--));
            if (k >= 1 && (text(line, spans.get(k)).equals("<") || text(line, spans.get(k)).equals(">"))) {
                version = text(line, spans.get(k--)) + " " + version;
            }
            if (k < 1) {
                continue;
            }
            String id = text(line, spans.get(k));
            String name = line.substring(0, spans.get(k)[0]).strip();
            if (!hasDigit(available) || !(hasDigit(version) || version.equalsIgnoreCase("Unknown"))
                    || !looksLikeId(id) || name.isEmpty()) {
                continue;
            }
            rows.add(new Row(name, id, version, available, source, false, ToolText.isCut(id)));
        }
        return rows;
    }

    private static String text(String line, int[] span) {
        return line.substring(span[0], span[1]);
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    private static boolean looksLikeId(String id) {
        String bare = ToolText.isCut(id) ? id.substring(0, id.length() - 1) : id;
        return bare.indexOf('.') > 0 || STORE_ID.matcher(id).matches() || id.startsWith("ARP\\")
                || id.startsWith("MSIX\\");
    }
}
