// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

/**
 * Values from outside (hostnames, agents' messages, paths) as they may appear in a log line: control
 * characters escaped, so nobody can start a forged line with a newline, and long values cut.
 */
public final class LogText {

    /** Longest value written to a log line. */
    public static final int MAX = 500;

    private LogText() {}

    /** {@code value} with every control character as {@code \\uXXXX} (newline as {@code \\n}), at most {@link #MAX} characters. */
    public static String safe(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 16);
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX && s.length() > MAX) {
            b.append("…");
        }
        return b.toString();
    }
}
