// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

/**
 * Delegation path patterns: shell-style ({@code *}, {@code ?}, {@code [abc]}, {@code [!a-z]}), matched segment by
 * segment, so a wildcard never matches {@code /} and {@code releases/*} does not match {@code releases/x/y}.
 * Case-sensitive. This is what Python's {@code fnmatch} does to each segment, which other clients follow.
 */
public final class PathPattern {

    private PathPattern() {
    }

    public static boolean matches(String pattern, String path) {
        String[] patternParts = pattern.split("/", -1);
        String[] pathParts = path.split("/", -1);
        if (patternParts.length != pathParts.length) {
            return false;
        }
        for (int i = 0; i < pathParts.length; i++) {
            if (!matchesSegment(patternParts[i], pathParts[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean matchesSegment(String p, String s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < p.length() && step(p, pi, s.charAt(si)) >= 0) {
                if (p.charAt(pi) == '*') {
                    starP = pi++;
                    starS = si;
                } else {
                    pi = step(p, pi, s.charAt(si));
                    si++;
                }
            } else if (starP >= 0) {
                // let the last * swallow one more character and try again from there
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** Where the pattern continues if its element at {@code pi} accepts {@code c}; -1 if it does not. */
    private static int step(String p, int pi, char c) {
        char e = p.charAt(pi);
        if (e == '*') {
            return pi; // handled by the caller
        }
        if (e == '?') {
            return pi + 1;
        }
        if (e == '[') {
            int end = classEnd(p, pi);
            if (end > 0) {
                return classAccepts(p, pi, end, c) ? end + 1 : -1;
            }
            // no closing bracket: a literal '['
        }
        return e == c ? pi + 1 : -1;
    }

    private static int classEnd(String p, int start) {
        int j = start + 1;
        if (j < p.length() && p.charAt(j) == '!') {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++; // a ']' right after '[' or '[!' is a member
        }
        while (j < p.length() && p.charAt(j) != ']') {
            j++;
        }
        return j < p.length() ? j : -1;
    }

    private static boolean classAccepts(String p, int start, int end, char c) {
        int j = start + 1;
        boolean negate = p.charAt(j) == '!';
        if (negate) {
            j++;
        }
        boolean found = false;
        while (j < end) {
            char lo = p.charAt(j);
            if (j + 2 < end && p.charAt(j + 1) == '-') {
                found |= lo <= c && c <= p.charAt(j + 2);
                j += 3;
            } else {
                found |= lo == c;
                j++;
            }
        }
        return found != negate;
    }
}
