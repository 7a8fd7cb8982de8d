// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.text.ToolText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the table PSWindowsUpdate's {@code Get-WindowsUpdate} prints by default (its Format.ps1xml view):
 * <pre>
 * ComputerName Status     KB          Size Title
 * ------------ ------     --          ---- -----
 * MG-PC        -------    KB890830    44MB Narzędzie Windows do usuwania złośliwego oprogramowania dla systemów Window...
 * </pre>
 * Columns start where the dash groups start. Size is right-aligned (a wider value begins left of its dash
 * group), and KB may be empty (drivers), so the part between KB and Title is split into tokens instead
 * of being cut at the dashes. Title runs to the end of the line; PowerShell cut it with "..." to the
 * console width. The labels are property names, which PowerShell does not translate.
 */
final class PsWindowsUpdateTable {

    /**
     * One row. Status letters as PSWindowsUpdate documents them: {@code [A|R]DIMHUB}, i.e. Accepted or
     * Rejected, Downloaded (F download failed), Installed (F install failed, R reboot required), Mandatory,
     * Hidden, Uninstallable, Beta, '-' for "no"; the first slot is missing in older versions.
     */
    record Row(String computerName, String status, String kb, String size, String title, boolean titleTruncated,
               boolean isDownloaded, boolean isInstalled, boolean isHidden, boolean rebootRequired) {}

    private static final List<String> LABELS = List.of("ComputerName", "Status", "KB", "Size", "Title");
    private static final Pattern KB = Pattern.compile("KB\\d+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s?([KMGT]?B)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS = Pattern.compile("[-A-Z?]{6,7}");
    private static final Pattern HEADERLESS = Pattern.compile(
            "(\\S+)\\s+([-A-Z?]{6,7})\\s+((?i:KB)\\d+)?\\s*(\\d+(?:[.,]\\d+)?\\s?(?i:[KMGT]?B))\\s+(\\S.*)");
    /** Beyond this the text is no Get-WindowsUpdate table. */
    static final int MAX_CHARS = 16_000_000;
    private static final int MAX_LINE = 4_096;

    private PsWindowsUpdateTable() {}

    /**
     * The rows of the first such table, or null when the text has no Get-WindowsUpdate table. A capture
     * decoded in a Windows code page is repaired first; without the header, rows are still recognised by
     * their shape (computer, status letters, KB, size, title).
     */
    static List<Row> parse(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            return null;
        }
        String[] lines = ToolText.repairMojibake(text).split("\\R", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].length() > MAX_LINE) {
                continue;
            }
            List<String> header = List.of(lines[i].strip().split("\\s+"));
            if (header.equals(LABELS) && lines[i + 1].strip().startsWith("-")) {
                List<Integer> starts = dashGroups(lines[i + 1]);
                if (starts.size() == LABELS.size()) {
                    return rows(lines, i + 2, starts);
                }
            }
        }
        List<Row> headerless = headerless(lines);
        return headerless.isEmpty() ? null : headerless;
    }

    /** Rows of a table whose header and dash line are missing, read by their shape. */
    private static List<Row> headerless(String[] lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            Matcher m = line.length() > MAX_LINE ? null : HEADERLESS.matcher(line);
            if (m == null || !m.matches()) {
                continue;
            }
            String statusText = m.group(2);
            String kbId = m.group(3) == null ? null : m.group(3).toUpperCase(Locale.ROOT);
            Row row = row(m.group(1), statusText, kbId, m.group(4), m.group(5).strip());
            if (!rows.contains(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Row row(String computer, String statusText, String kbId, String size, String titleText) {
        String flags = statusText.length() == 7 ? statusText.substring(1) : statusText;
        return new Row(computer, statusText, kbId, size, titleText, ToolText.isCut(titleText),
                flags.charAt(0) == 'D', flags.charAt(1) == 'I', flags.charAt(3) == 'H', flags.charAt(1) == 'R');
    }

    /** Approximate bytes of a Size value ("44MB", "1GB"; binary units, as PSWindowsUpdate rounds them). */
    static Long bytes(String size) {
        if (size == null) {
            return null;
        }
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            return null;
        }
        double value = Double.parseDouble(m.group(1).replace(',', '.'));
        int power = "BKMGT".indexOf(Character.toUpperCase(m.group(2).charAt(0)));
        return Math.round(value * Math.pow(1024, power));
    }

    private static List<Row> rows(String[] lines, int first, List<Integer> starts) {
        List<Row> rows = new ArrayList<>();
        int status = starts.get(1);
        int kb = starts.get(2);
        int title = starts.get(4);
        // a terminal narrower than a row breaks it into pieces as long as the window: the longest lines
        int wrap = 0;
        for (int k = first; k < lines.length && !lines[k].isBlank() && !lines[k].startsWith("VERBOSE:"); k++) {
            wrap = Math.max(wrap, lines[k].length());
        }
        String rawTitle = null;
        for (int k = first; k < lines.length; k++) {
            String line = lines[k];
            if (line.isBlank() || line.length() > MAX_LINE || line.startsWith("VERBOSE:") || line.startsWith("WARNING:")) {
                break;  // the table ends at a blank line or at text such as "VERBOSE: ..."
            }
            String statusText = line.length() <= status || Character.isWhitespace(line.charAt(0)) ? ""
                    : cut(line, status, kb);
            if (!STATUS.matcher(statusText).matches()) {
                if (!rows.isEmpty() && lines[k - 1].length() == wrap && wrap >= 40) {
                    // the rest of the title a narrow terminal put on the next line (cut anywhere, even after a blank)
                    Row last = rows.remove(rows.size() - 1);
                    rawTitle = rawTitle + line;
                    String whole = rawTitle.strip();
                    rows.add(new Row(last.computerName(), last.status(), last.kb(), last.size(), whole, ToolText.isCut(whole),
                            last.isDownloaded(), last.isInstalled(), last.isHidden(), last.rebootRequired()));
                    continue;
                }
                break;
            }
            String kbId = null;
            String size = null;
            for (String token : cut(line, kb, title).split("\\s+")) {
                if (KB.matcher(token).matches()) {
                    kbId = token.toUpperCase(Locale.ROOT);
                } else if (SIZE.matcher(token).matches()) {
                    size = token;
                }
                // a KB id cut by a too narrow column ("KB50344...") names no update: the row has no id
            }
            rawTitle = line.length() > title ? line.substring(title).stripLeading() : "";
            rows.add(row(cut(line, 0, status), statusText, kbId, size, rawTitle.strip()));
        }
        // the same row twice (a capture of two runs): once
        return new ArrayList<>(new LinkedHashSet<>(rows));
    }

    private static List<Integer> dashGroups(String dashes) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < dashes.length(); i++) {
            if (dashes.charAt(i) == '-' && (i == 0 || dashes.charAt(i - 1) != '-')) {
                starts.add(i);
            }
        }
        return starts;
    }

    private static String cut(String line, int from, int to) {
        return from >= line.length() ? "" : line.substring(from, Math.min(to, line.length())).strip();
    }
}
