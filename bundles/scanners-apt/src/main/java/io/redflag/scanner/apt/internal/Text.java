// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;


/** Small helpers for reading apt's human-oriented output. */
final class Text {

    private static final int MAX_QUOTE = 120;

    private Text() {}

    /**
     * A progress line: "Listing...", "Reading package lists... Done", "Auflistung…",
     * "Paketlisten werden gelesen…". Translations keep the dots (or the ellipsis character) and
     * never contain the '/' of a package line in their first word.
     */
    static boolean isProgress(String line) {
        String s = line.strip();
        int space = s.indexOf(' ');
        String first = space < 0 ? s : s.substring(0, space);
        if (first.contains("/")) {
            return false;
        }
        return s.endsWith("...") || s.endsWith("\u2026") || s.contains("... ") || s.contains("\u2026 ");
    }

    /** A line short enough to quote in a message. */
    static String abbreviate(String line) {
        return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE) + "…";
    }
}
