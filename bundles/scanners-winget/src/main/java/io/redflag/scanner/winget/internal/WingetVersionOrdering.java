// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.version.VersionOrdering;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * winget's own order (winget-cli AppInstallerVersions.cpp, {@code Utility::Version}): dot-separated
 * parts, each a leading unsigned number and a text rest; a part with a rest sorts before the bare
 * number ("1.0-beta" &lt; "1.0"); trailing zero parts do not count ("1.0" = "1.0.0"); leading
 * non-digits before the first digit are dropped ("v1.2" = "1.2"); "Unknown" sorts below and "Latest"
 * above everything; "&lt; 1.2" is just below 1.2 and "&gt; 1.2" just above it. Text rests compare
 * case-insensitively. Unlike winget it never throws: any string has a place.
 */
final class WingetVersionOrdering implements VersionOrdering {

    static final WingetVersionOrdering INSTANCE = new WingetVersionOrdering();

    private record Part(long integer, String other) {
        static final Part EMPTY = new Part(0, "");

        int compareTo(Part o) {
            int c = Long.compareUnsigned(integer, o.integer);
            if (c != 0) {
                return c;
            }
            if (other.isEmpty() || o.other.isEmpty()) {
                // a part with a text rest is less than the bare number
                return Boolean.compare(other.isEmpty(), o.other.isEmpty());
            }
            return Integer.signum(other.compareTo(o.other));
        }
    }

    /** approx: -1 for "&lt; v", +1 for "&gt; v", 0 for exact. */
    private record Parsed(List<Part> parts, int approx) {
        boolean is(String word) {
            return parts.size() == 1 && parts.get(0).integer == 0 && parts.get(0).other.equals(word);
        }
    }

    @Override
    public String scheme() {
        return "winget";
    }

    @Override
    public int compare(String a, String b) {
        Parsed pa = parse(a);
        Parsed pb = parse(b);
        int c = rank(pa) - rank(pb);
        if (c != 0) {
            return Integer.signum(c);
        }
        if (rank(pa) == 0) {
            for (int i = 0; i < Math.max(pa.parts.size(), pb.parts.size()); i++) {
                Part x = i < pa.parts.size() ? pa.parts.get(i) : Part.EMPTY;
                Part y = i < pb.parts.size() ? pb.parts.get(i) : Part.EMPTY;
                c = x.compareTo(y);
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(pa.approx, pb.approx);
    }

    /** Unknown below everything (-1), Latest above (+1), the rest in between (0). */
    private static int rank(Parsed p) {
        return p.is("unknown") ? -1 : p.is("latest") ? 1 : 0;
    }

    private static Parsed parse(String version) {
        String v = version == null ? "" : version.strip();
        int approx = 0;
        if (v.startsWith("< ")) {
            approx = -1;
            v = v.substring(2);
        } else if (v.startsWith("> ")) {
            approx = 1;
            v = v.substring(2);
        }
        int digit = firstDigit(v);
        int dot = v.indexOf('.');
        if (digit >= 0 && (dot < 0 || digit < dot)) {
            v = v.substring(digit);
        }
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (pos < v.length()) {
            int next = v.indexOf('.', pos);
            int stop = next < 0 ? v.length() : next;
            parts.add(part(v.substring(pos, stop).strip()));
            pos = stop + 1;
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).equals(Part.EMPTY)) {
            parts.remove(parts.size() - 1);
        }
        return new Parsed(parts, approx);
    }

    private static Part part(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) >= '0' && s.charAt(n) <= '9') {
            n++;
        }
        String rest = s.substring(n).toLowerCase(Locale.ROOT);
        if (n == 0) {
            return new Part(0, rest);
        }
        try {
            return new Part(Long.parseUnsignedLong(s.substring(0, n)), rest);
        } catch (NumberFormatException e) {
            // beyond 64 bits winget (strtoull ERANGE) keeps the whole part as text
            return new Part(0, s.toLowerCase(Locale.ROOT));
        }
    }

    private static int firstDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return i;
            }
        }
        return -1;
    }
}
