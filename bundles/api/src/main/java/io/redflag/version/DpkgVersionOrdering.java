// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

/** dpkg's algorithm (lib/dpkg/version.c): epoch numerically, then upstream and revision with verrevcmp. */
final class DpkgVersionOrdering implements VersionOrdering {

    @Override
    public String scheme() {
        return "dpkg";
    }

    @Override
    public int compare(String a, String b) {
        String[] va = parse(a);
        String[] vb = parse(b);
        int c = AgentVersionOrdering.compareNumeric(va[0], vb[0]);
        if (c != 0) {
            return c;
        }
        c = verrevcmp(va[1], vb[1]);
        return c != 0 ? c : verrevcmp(va[2], vb[2]);
    }

    /** Splits into epoch (default 0), upstream version and revision (default empty). */
    private static String[] parse(String v) {
        String s = v == null ? "" : v.trim();
        String epoch = "0";
        int colon = s.indexOf(':');
        if (colon > 0 && s.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = s.substring(0, colon);
            s = s.substring(colon + 1);
        }
        String revision = "";
        int dash = s.lastIndexOf('-');
        if (dash >= 0) {
            revision = s.substring(dash + 1);
            s = s.substring(0, dash);
        }
        return new String[] {epoch, s, revision};
    }

    /** '~' sorts before everything, even the end of the string; letters sort before other symbols. */
    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }
}
