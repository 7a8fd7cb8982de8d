// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

/**
 * SemVer 2.0.0 §11 precedence. Strings that are not strict semver (a leading "v" or "=", possibly
 * followed by blanks, as node-semver's loose mode allows; missing minor or patch) are read leniently,
 * 0-filled, so that any string has a place in the order.
 */
final class SemverOrdering implements VersionOrdering {

    @Override
    public String scheme() {
        return "semver";
    }

    @Override
    public int compare(String a, String b) {
        String[] pa = split(a);
        String[] pb = split(b);
        String[] ca = pa[0].split("\\.", -1);
        String[] cb = pb[0].split("\\.", -1);
        for (int k = 0; k < 3; k++) {
            int c = AgentVersionOrdering.compareNumeric(k < ca.length ? ca[k] : "0", k < cb.length ? cb[k] : "0");
            if (c != 0) {
                return c;
            }
        }
        if (pa[1].isEmpty() || pb[1].isEmpty()) {
            return Boolean.compare(pa[1].isEmpty(), pb[1].isEmpty());
        }
        String[] ia = pa[1].split("\\.", -1);
        String[] ib = pb[1].split("\\.", -1);
        for (int k = 0; k < Math.min(ia.length, ib.length); k++) {
            int c = comparePre(ia[k], ib[k]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ia.length, ib.length);
    }

    /** Core version and pre-release; build metadata after '+' does not count. */
    private static String[] split(String v) {
        String s = v == null ? "" : v.trim();
        // node-semver's loose mode: any run of "v", "=" and blanks before the version ("v 1.2.3", "= 1.2.3")
        int start = 0;
        while (start < s.length() && "vV= \t".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        s = s.substring(start);
        int plus = s.indexOf('+');
        if (plus >= 0) {
            s = s.substring(0, plus);
        }
        int dash = s.indexOf('-');
        return dash < 0 ? new String[] {s, ""} : new String[] {s.substring(0, dash), s.substring(dash + 1)};
    }

    /** Numeric identifiers compare numerically and sort before alphanumeric ones, which compare in ASCII. */
    private static int comparePre(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return AgentVersionOrdering.compareNumeric(a, b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }
}
