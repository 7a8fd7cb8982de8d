// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * The order of agent versions ({@code 1.2.3}, {@code 1.2.3-rc1}, {@code 0.1.0-SNAPSHOT}, {@code 1.2.3+build}):
 * dotted numbers compared as numbers (missing ones are 0), then a version with a pre-release part ({@code -…})
 * before the same version without, pre-release parts compared as text; build metadata ({@code +…}) ignored.
 */
public final class AgentVersions {

    private AgentVersions() {}

    /** Negative when {@code a} is older than {@code b}, 0 when the same, positive when newer; null is oldest. */
    public static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] x = split(a);
        String[] y = split(b);
        String[] xs = x[0].split("\\.");
        String[] ys = y[0].split("\\.");
        for (int i = 0; i < Math.max(xs.length, ys.length); i++) {
            int c = part(i < xs.length ? xs[i] : "0", i < ys.length ? ys[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        if (x[1].isEmpty() || y[1].isEmpty()) {
            return x[1].isEmpty() ? (y[1].isEmpty() ? 0 : 1) : -1;
        }
        return x[1].compareTo(y[1]);
    }

    /** Core and pre-release part; build metadata dropped. */
    private static String[] split(String v) {
        int plus = v.indexOf('+');
        String s = plus < 0 ? v : v.substring(0, plus);
        int dash = s.indexOf('-');
        return dash < 0 ? new String[] {s, ""} : new String[] {s.substring(0, dash), s.substring(dash + 1)};
    }

    private static int part(String x, String y) {
        boolean xn = !x.isEmpty() && x.chars().allMatch(Character::isDigit) && x.length() < 10;
        boolean yn = !y.isEmpty() && y.chars().allMatch(Character::isDigit) && y.length() < 10;
        if (xn && yn) {
            return Integer.compare(Integer.parseInt(x), Integer.parseInt(y));
        }
        if (xn != yn) {
            return xn ? 1 : -1; // a number is newer than text in its place
        }
        return x.compareTo(y);
    }
}
