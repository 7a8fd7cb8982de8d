// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.text.ToolText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.example.redflag.flatpak.internal.FlatpakRefs.Ref;

/**
 * Reads what flatpak prints for the scanner's commands. Total: any text gives a result or a {@link ScanException},
 * never another exception.
 * <p>
 * Without a terminal (the agent's case) flatpak's tables have no header, one row per line, columns separated by a tab,
 * and <b>trailing empty columns left out</b> (a runtime's row of {@code remote-ls} has no runtime column at all). A
 * person's copy from a terminal is read too, leniently: columns padded with spaces, a bold header, CR LF line ends and
 * "…" where a column did not fit; there only the first three columns (ref, origin, commit) are taken, since free-text
 * versions cannot be told from the padding. Every row ends with a newline, so a last line without one is a row cut
 * short and is dropped, as is any value that ends in an ellipsis: a cut ref is never reported.
 */
final class FlatpakTables {

    /** Beyond this the text cannot be a listing: refused instead of read. */
    static final int MAX_CHARS = 16_000_000;
    /** Longer lines are not rows (a ref is at most {@link FlatpakRefs#MAX_REF}, the rest is short). */
    static final int MAX_LINE = 4096;
    /** Longer versions are not reported: no real version is this long, and a cut one must not pass for it. */
    static final int MAX_VERSION = 128;

    /** A row of {@code flatpak list --all --columns=ref,origin,active,version,name}. */
    record Installed(Ref ref, String origin, String commit, String version, String name) {
    }

    /** A row of {@code flatpak remote-ls --updates --all --columns=ref,origin,commit,version,download-size,runtime}. */
    record Available(Ref ref, String origin, String commit, String version, Long downloadSize, Ref runtime) {
    }

    /** A line of {@code flatpak update -y --noninteractive}: what it did to one ref. */
    record Step(String verb, Ref ref) {
    }

    private static final Pattern STEP = Pattern.compile("(Installing|Updating|Uninstalling) (\\S+)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:[.,]\\d{1,3})?) ?([A-Za-z]{1,5})");
    private static final Map<String, BigDecimal> UNITS = Map.of("byte", BigDecimal.ONE, "bytes", BigDecimal.ONE,
            "kb", BigDecimal.valueOf(1_000L), "mb", BigDecimal.valueOf(1_000_000L), "gb",
            BigDecimal.valueOf(1_000_000_000L), "tb", BigDecimal.valueOf(1_000_000_000_000L));

    private FlatpakTables() {
    }

    /** The installed refs, each once, in flatpak's order. */
    static List<Installed> installed(String output) throws ScanException {
        Map<String, Installed> byRef = new LinkedHashMap<>();
        Lines lines = lines(output, "flatpak list");
        for (String line : lines.complete) {
            String[] f = fields(line);
            if (f == null || f.length < 3 || (line.indexOf('\t') >= 0 && f.length > 5)) {
                lines.unread(line);
                continue;
            }
            Ref ref = ToolText.isCut(f[0]) ? null : FlatpakRefs.partial(f[0]);
            if (ref == null || !FlatpakRefs.isRemote(f[1]) || !FlatpakRefs.isCommit(f[2])) {
                lines.unread(line);
                continue;
            }
            boolean tabs = line.indexOf('\t') >= 0;
            String version = tabs && f.length > 3 ? version(f[3]) : null;
            String name = tabs && f.length > 4 ? text(f[4]) : null;
            byRef.putIfAbsent(ref.partial(), new Installed(ref, f[1], f[2], version, name));
        }
        lines.check(!byRef.isEmpty());
        return new ArrayList<>(byRef.values());
    }

    /** The pending updates, each once, in flatpak's order. */
    static List<Available> updates(String output) throws ScanException {
        Map<String, Available> byRef = new LinkedHashMap<>();
        Lines lines = lines(output, "flatpak remote-ls --updates");
        for (String line : lines.complete) {
            String[] f = fields(line);
            if (f == null || f.length < 3 || (line.indexOf('\t') >= 0 && f.length > 6)) {
                lines.unread(line);
                continue;
            }
            Ref ref = ToolText.isCut(f[0]) ? null : FlatpakRefs.full(f[0]);
            if (ref == null || !FlatpakRefs.isRemote(f[1]) || !FlatpakRefs.isCommit(f[2])) {
                lines.unread(line);
                continue;
            }
            boolean tabs = line.indexOf('\t') >= 0;
            String version = tabs && f.length > 3 ? version(f[3]) : null;
            Long size = tabs && f.length > 4 ? size(f[4]) : null;
            Ref runtime = tabs && f.length > 5 && !ToolText.isCut(f[5]) ? FlatpakRefs.partial(f[5]) : null;
            byRef.putIfAbsent(ref.full(), new Available(ref, f[1], f[2], version, size, runtime));
        }
        lines.check(!byRef.isEmpty());
        return new ArrayList<>(byRef.values());
    }

    /** The names {@code flatpak remotes --columns=name} prints (with no remote at all it prints one empty line). */
    static List<String> remotes(String output) throws ScanException {
        List<String> names = new ArrayList<>();
        Lines lines = lines(output, "flatpak remotes");
        for (String line : lines.complete) {
            String name = line.strip();
            if (FlatpakRefs.isRemote(name) && !names.contains(name)) {
                names.add(name);
            } else {
                lines.unread(line);
            }
        }
        lines.check(!names.isEmpty());
        return names;
    }

    /** The commit {@code flatpak remote-info --show-commit} prints, or null when the text holds none. */
    static String commit(String output) {
        if (output == null || output.length() > MAX_LINE) {
            return null;
        }
        String s = output.strip();
        return FlatpakRefs.isCommit(s) && s.length() == 64 ? s : null;
    }

    /** What {@code flatpak update -y --noninteractive} says it did ("Updating REF", "Installing REF"). */
    static List<Step> steps(String output) throws ScanException {
        List<Step> steps = new ArrayList<>();
        Lines lines = lines(output, "flatpak update");
        for (String line : lines.complete) {
            Matcher m = STEP.matcher(line.strip());
            Ref ref = m.matches() && !ToolText.isCut(m.group(2)) ? FlatpakRefs.full(m.group(2)) : null;
            if (ref != null) {
                steps.add(new Step(m.group(1), ref));
            } else {
                lines.unread(line);
            }
        }
        return steps;
    }

    /** The other, non-blank lines of an install's output (the notes of a plan read from it). */
    static List<String> otherLines(String output) throws ScanException {
        Lines lines = lines(output, "flatpak update");
        List<String> other = new ArrayList<>();
        for (String line : lines.complete) {
            if (!STEP.matcher(line.strip()).matches() && !line.isBlank() && other.size() < 50) {
                other.add(line.strip());
            }
        }
        return other;
    }

    /** flatpak's error line ("error: …", also "Error updating: …"), else the last non-blank line; null when there is none. */
    static String lastError(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return null;
        }
        String last = null;
        String error = null;
        for (String line : ToolText.asShown(stderr.length() > MAX_CHARS ? stderr.substring(stderr.length() - MAX_LINE)
                : stderr)) {
            String s = line.strip();
            if (s.isEmpty() || s.length() > MAX_LINE) {
                continue;
            }
            last = s;
            if (s.toLowerCase(Locale.ROOT).startsWith("error")) {
                error = s;
            }
        }
        String chosen = error != null ? error : last;
        return chosen == null ? null : chosen.length() > 300 ? chosen.substring(0, 300) + "…" : chosen;
    }

    /** A size as flatpak prints it ("497 bytes", "1.5 kB" with a no-break space, "1,5 KB" in German), in bytes. */
    static Long size(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text.replace('\u00A0', ' ').strip());
        if (!m.matches()) {
            return null;
        }
        BigDecimal unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return null;
        }
        // g_format_size rounds to one decimal: "1.5 kB" is 1450 to 1549 bytes; the middle is the best guess
        return new BigDecimal(m.group(1).replace(',', '.')).multiply(unit).longValue();
    }

    private static String version(String field) {
        String v = text(field);
        return v == null || v.length() > MAX_VERSION ? null : v;
    }

    /** A free-text field: control characters and runs of blanks made one space; null when empty or cut. */
    private static String text(String field) {
        StringBuilder out = new StringBuilder(Math.min(field.length(), MAX_LINE));
        boolean blank = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00A0') {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append(' ');
                blank = false;
            }
            out.append(c);
        }
        String s = out.toString();
        return s.isEmpty() || ToolText.isCut(s) ? null : s;
    }

    /** The fields of a row: tab-separated, or for a terminal's copy (no tab) the words. Null for an overlong line. */
    private static String[] fields(String line) {
        if (line.length() > MAX_LINE) {
            return null;
        }
        if (line.indexOf('\t') >= 0) {
            String[] f = line.split("\t", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            return f;
        }
        String s = line.strip();
        return s.isEmpty() ? null : s.split("\\s+");
    }

    /** The complete lines of an output, and what was not read of them. */
    private static Lines lines(String output, String what) throws ScanException {
        if (output == null) {
            throw new ScanException("no output of " + what);
        }
        if (output.length() > MAX_CHARS) {
            throw new ScanException("not " + what + " output: " + output.length() + " characters");
        }
        List<String> all = new ArrayList<>(ToolText.asShown(ToolText.repairMojibake(output)));
        // flatpak ends every line with a newline: what follows the last one is either nothing or a line cut short
        if (!all.isEmpty()) {
            all.remove(all.size() - 1);
        }
        return new Lines(what, all, output);
    }

    private static final class Lines {
        final String what;
        final List<String> complete;
        final String output;
        String firstUnread;

        Lines(String what, List<String> complete, String output) {
            this.what = what;
            this.complete = complete;
            this.output = output;
        }

        void unread(String line) {
            if (firstUnread == null && !line.isBlank()) {
                firstUnread = line.strip();
            }
        }

        /** Text with lines but not one row is not this command's output (blank text is an empty listing). */
        void check(boolean foundRows) throws ScanException {
            if (foundRows || output.isBlank()) {
                return;
            }
            if (firstUnread == null) {
                throw new ScanException("not " + what + " output: no complete line (a listing cut short?)");
            }
            String shown = firstUnread.length() > 80 ? firstUnread.substring(0, 80) + "…" : firstUnread;
            throw new ScanException("not " + what + " output: no line is a row of it, the first one reads '" + shown + "'");
        }
    }
}
