// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import java.util.ArrayList;
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

    private PsWindowsUpdateTable() {}

    /** The rows of the first such table, or null when the text has no Get-WindowsUpdate table. */
    static List<Row> parse(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            List<String> header = List.of(lines[i].strip().split("\\s+"));
            if (header.equals(LABELS) && lines[i + 1].strip().startsWith("-")) {
                List<Integer> starts = dashGroups(lines[i + 1]);
                if (starts.size() == LABELS.size()) {
                    return rows(lines, i + 2, starts);
                }
            }
        }
        return null;
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
        for (int k = first; k < lines.length; k++) {
            String line = lines[k];
            if (line.isBlank() || line.length() <= status || Character.isWhitespace(line.charAt(0))) {
                break;  // the table ends at a blank line or at text such as "VERBOSE: ..."
            }
            String statusText = cut(line, status, kb);
            if (!STATUS.matcher(statusText).matches()) {
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
            }
            String titleText = line.length() > title ? line.substring(title).strip() : "";
            String flags = statusText.length() == 7 ? statusText.substring(1) : statusText;
            rows.add(new Row(cut(line, 0, status), statusText, kbId, size, titleText,
                    titleText.endsWith("...") || titleText.endsWith("\u2026"),
                    flags.charAt(0) == 'D', flags.charAt(1) == 'I', flags.charAt(3) == 'H', flags.charAt(1) == 'R'));
        }
        return rows;
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
