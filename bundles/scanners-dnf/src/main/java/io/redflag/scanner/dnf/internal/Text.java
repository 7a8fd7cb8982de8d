// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.text.ToolText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Line and token helpers shared by the dnf parsers. */
final class Text {

    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n|\r");
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    // colours and cursor movement of a capture taken on a terminal (dnf5's progress bars)
    /** Beyond this the text is no dnf answer (every Fedora package at once is about 6 MB). */
    static final int MAX_CHARS = 16_000_000;

    private Text() {}

    /**
     * The lines of {@code s}, whatever its line endings, without terminal escape sequences and with
     * UTF-8 that was read as a Windows code page repaired (see {@link Mojibake}); never null.
     */
    static List<String> lines(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return List.of(LINE_BREAK.split(ToolText.repairMojibake(ToolText.stripEscapes(s)), -1));
    }

    /** Whitespace-separated tokens of {@code s}. */
    static List<String> tokens(String s) {
        String t = s.strip();
        return t.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(BLANKS.split(t)));
    }

    /** True when the line starts with white space (continuation or sub-row in dnf's tables). */
    static boolean indented(String line) {
        return !line.isEmpty() && Character.isWhitespace(line.charAt(0));
    }

    /**
     * Lines every dnf command may print before its real answer: metadata refresh chatter of dnf4 and
     * dnf5 and download progress rows (they contain " | ").
     */
    static boolean isChatter(String trimmed) {
        return trimmed.startsWith("Last metadata expiration check")
                // the same in dnf's de, ja and zh_CN translations (po/*.po)
                || trimmed.startsWith("Letzte Pr\u00fcfung auf abgelaufene Metadaten")
                || trimmed.startsWith("\u30e1\u30bf\u30c7\u30fc\u30bf\u306e\u671f\u9650\u5207\u308c\u306e\u6700\u7d42\u78ba\u8a8d")
                || trimmed.startsWith("\u4e0a\u6b21\u5143\u6570\u636e\u8fc7\u671f\u68c0\u67e5")
                || trimmed.equals("Updating and loading repositories:")
                || trimmed.equals("Repositories loaded.")
                || trimmed.equals("Dependencies resolved.")
                || trimmed.contains(" | ");
    }

    /**
     * The line of {@code s} that best explains a failure: the first one showing the first marker that occurs
     * (at its start, or after ": " as in "dnf updateinfo: error: …"), else the first non-blank line.
     */
    static String firstLine(String s, String... markers) {
        List<String> lines = lines(s).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String m : markers) {
            for (String l : lines) {
                if (l.startsWith(m) || l.contains(": " + m)) {
                    return l;
                }
            }
        }
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
