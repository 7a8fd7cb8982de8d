// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Line and token helpers shared by the dnf parsers. */
final class Text {

    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n|\r");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private Text() {}

    /** The lines of {@code s}, whatever its line endings; never null. */
    static List<String> lines(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return List.of(LINE_BREAK.split(s, -1));
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
