// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

/**
 * Numeric, component-wise order of dot-separated versions; a missing component counts as "less"
 * (0.1.23 &lt; 0.1.23.5). A pre-release suffix after '-' sorts before the plain version.
 */
final class AgentVersionOrdering implements VersionOrdering {

    @Override
    public String scheme() {
        return "agent";
    }

    @Override
    public int compare(String a, String b) {
        String[] pa = split(a);
        String[] pb = split(b);
        int c = compareNumbers(pa[0].split("\\."), pb[0].split("\\."));
        if (c != 0) {
            return c;
        }
        // 1.0.0-rc1 < 1.0.0: a version with a suffix is a pre-release of the plain one
        if (pa[1].isEmpty() || pb[1].isEmpty()) {
            return Boolean.compare(pa[1].isEmpty(), pb[1].isEmpty());
        }
        return Integer.signum(pa[1].compareTo(pb[1]));
    }

    private static String[] split(String v) {
        String s = v == null ? "" : v.trim();
        if (s.startsWith("v") || s.startsWith("V")) {
            s = s.substring(1);
        }
        int dash = s.indexOf('-');
        return dash < 0 ? new String[] {s, ""} : new String[] {s.substring(0, dash), s.substring(dash + 1)};
    }

    private static int compareNumbers(String[] a, String[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length) {
                return -1;
            }
            if (i >= b.length) {
                return 1;
            }
            int c = compareNumeric(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares digit strings of any length without overflow; non-digits compare as text after numbers. */
    static int compareNumeric(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            String x = stripZeros(a);
            String y = stripZeros(b);
            if (x.length() != y.length()) {
                return Integer.compare(x.length(), y.length());
            }
            return Integer.signum(x.compareTo(y));
        }
        if (na != nb) {
            return na ? 1 : -1;
        }
        return Integer.signum(a.compareTo(b));
    }

    static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
