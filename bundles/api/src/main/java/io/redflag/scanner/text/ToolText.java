// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tool output as it really arrives, made readable for a parser.
 * <ul>
 * <li><b>Mojibake</b>: UTF-8 output read as a Windows code page and saved again, so that "…" became "â€¦"
 * (cp1252), "ÔÇª" (cp850) or "ΓÇª" (cp437), and "é" became "Ã©". A line is repaired only when that is
 * unambiguous: every character maps back to a byte of the code page, those bytes are valid UTF-8 with at
 * least one multi-byte character, and exactly one code page gives that answer, or one answer holds fewer
 * rare characters (C1 controls, Latin Extended-B) than the others. Correct text never passes that test by
 * accident in practice: a lone "é" or "ü" re-encodes to a byte that is not valid UTF-8 on its own.</li>
 * <li><b>Cut values</b>: a column too narrow for its value ends it with an ellipsis (winget, PowerShell's
 * formatter); such a value is not an id and must never be reported as one.</li>
 * <li><b>Terminal effects</b>: colour and cursor escape sequences, and spinners that redraw a line with
 * carriage returns.</li>
 * </ul>
 */
public final class ToolText {

    /** Bytes 0x80..0xFF of each code page, as Windows decodes them (cp1252's five holes as C1 controls). */
    private static final String[] HIGH_HALVES = {
        // cp1252
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
            + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178"
            + "\u00A0\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE\u00AF"
            + "\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00BA\u00BB\u00BC\u00BD\u00BE\u00BF"
            + "\u00C0\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF"
            + "\u00D0\u00D1\u00D2\u00D3\u00D4\u00D5\u00D6\u00D7\u00D8\u00D9\u00DA\u00DB\u00DC\u00DD\u00DE\u00DF"
            + "\u00E0\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF"
            + "\u00F0\u00F1\u00F2\u00F3\u00F4\u00F5\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u00FD\u00FE\u00FF",
        // cp850 (the OEM code page of Western European consoles)
        "\u00C7\u00FC\u00E9\u00E2\u00E4\u00E0\u00E5\u00E7\u00EA\u00EB\u00E8\u00EF\u00EE\u00EC\u00C4\u00C5"
            + "\u00C9\u00E6\u00C6\u00F4\u00F6\u00F2\u00FB\u00F9\u00FF\u00D6\u00DC\u00F8\u00A3\u00D8\u00D7\u0192"
            + "\u00E1\u00ED\u00F3\u00FA\u00F1\u00D1\u00AA\u00BA\u00BF\u00AE\u00AC\u00BD\u00BC\u00A1\u00AB\u00BB"
            + "\u2591\u2592\u2593\u2502\u2524\u00C1\u00C2\u00C0\u00A9\u2563\u2551\u2557\u255D\u00A2\u00A5\u2510"
            + "\u2514\u2534\u252C\u251C\u2500\u253C\u00E3\u00C3\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u00A4"
            + "\u00F0\u00D0\u00CA\u00CB\u00C8\u0131\u00CD\u00CE\u00CF\u2518\u250C\u2588\u2584\u00A6\u00CC\u2580"
            + "\u00D3\u00DF\u00D4\u00D2\u00F5\u00D5\u00B5\u00FE\u00DE\u00DA\u00DB\u00D9\u00FD\u00DD\u00AF\u00B4"
            + "\u00AD\u00B1\u2017\u00BE\u00B6\u00A7\u00F7\u00B8\u00B0\u00A8\u00B7\u00B9\u00B3\u00B2\u25A0\u00A0",
        // cp437 (the OEM code page of US consoles)
        "\u00C7\u00FC\u00E9\u00E2\u00E4\u00E0\u00E5\u00E7\u00EA\u00EB\u00E8\u00EF\u00EE\u00EC\u00C4\u00C5"
            + "\u00C9\u00E6\u00C6\u00F4\u00F6\u00F2\u00FB\u00F9\u00FF\u00D6\u00DC\u00A2\u00A3\u00A5\u20A7\u0192"
            + "\u00E1\u00ED\u00F3\u00FA\u00F1\u00D1\u00AA\u00BA\u00BF\u2310\u00AC\u00BD\u00BC\u00A1\u00AB\u00BB"
            + "\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510"
            + "\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567"
            + "\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580"
            + "\u03B1\u00DF\u0393\u03C0\u03A3\u03C3\u00B5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229"
            + "\u2261\u00B1\u2265\u2264\u2320\u2321\u00F7\u2248\u00B0\u2219\u00B7\u221A\u207F\u00B2\u25A0\u00A0"};

    /**
     * How a cut value ends: U+2026, the same read through a Windows code page and not repaired (cp1252,
     * cp850, cp437), or the three dots a formatter leaves.
     */
    private static final String[] CUT_MARKS = {"\u2026", "\u00E2\u20AC\u00A6", "\u00D4\u00C7\u00AA",
        "\u0393\u00C7\u00AA", "..."};
    /** CSI sequences (colours, cursor moves, erasing) and OSC ones (titles, hyperlinks), ECMA-48. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)");

    private ToolText() {}

    /** True when a value was cut to its column's width: it ends with an ellipsis in any of its forms, or holds U+2026. */
    public static boolean isCut(String value) {
        if (value == null) {
            return false;
        }
        for (String mark : CUT_MARKS) {
            if (value.endsWith(mark)) {
                return true;
            }
        }
        return value.indexOf('\u2026') >= 0;
    }

    /** The text without terminal escape sequences (colours, cursor moves); never null. */
    public static String stripEscapes(String text) {
        return text == null ? "" : ESCAPES.matcher(text).replaceAll("");
    }

    /**
     * The lines as a terminal showed them: without escape sequences, each line only what follows its last carriage
     * return (spinners and progress bars redraw themselves with "\r"), a CRLF's CR dropped.
     */
    public static List<String> asShown(String output) {
        List<String> lines = new ArrayList<>();
        if (output == null || output.isEmpty()) {
            return lines;
        }
        for (String raw : output.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            line = stripEscapes(line);
            int cr = line.lastIndexOf('\r');
            lines.add(cr >= 0 ? line.substring(cr + 1) : line);
        }
        return lines;
    }

    /** The text with every line repaired where unambiguous; other lines unchanged. Never null. */
    public static String repairMojibake(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        if (text.chars().allMatch(c -> c < 0x80)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            out.append(repairMojibakeLine(text.substring(start, end)));
            if (nl < 0) {
                break;
            }
            out.append('\n');
            start = nl + 1;
        }
        return out.toString();
    }

    /** One line repaired, or unchanged when no single code page explains it. */
    public static String repairMojibakeLine(String line) {
        boolean suspicious = false;
        for (int i = 0; i < line.length() && !suspicious; i++) {
            suspicious = line.charAt(i) >= 0x80;
        }
        if (!suspicious) {
            return line;
        }
        Set<String> answers = new LinkedHashSet<>();
        int best = Integer.MAX_VALUE;
        for (String high : HIGH_HALVES) {
            String repaired = reinterpret(line, high);
            if (repaired == null || repaired.equals(line)) {
                continue;
            }
            // "Ã¼" is "ü" through cp1252 but "Ǭ" through cp850: both valid UTF-8, so the answer made of
            // common characters wins; a tie leaves the line alone
            int rare = rare(repaired);
            if (rare < best) {
                best = rare;
                answers.clear();
            }
            if (rare == best) {
                answers.add(repaired);
            }
        }
        return answers.size() == 1 ? answers.iterator().next() : line;
    }

    /** Characters real text seldom holds: C1 controls and Latin Extended-B up to the IPA and spacing modifiers. */
    private static int rare(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 0x80 && c <= 0x9F) || (c >= 0x180 && c <= 0x2FF)) {
                n++;
            }
        }
        return n;
    }

    /** The line's characters as bytes of the code page, decoded as UTF-8; null when that is impossible. */
    private static String reinterpret(String line, String high) {
        byte[] bytes = new byte[line.length()];
        boolean multiByte = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x80) {
                bytes[i] = (byte) c;
                continue;
            }
            int b = high.indexOf(c);
            if (b < 0) {
                return null;
            }
            bytes[i] = (byte) (0x80 + b);
            multiByte = true;
        }
        if (!multiByte) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;   // not UTF-8 seen through this code page: leave the line as it is
        }
    }
}
