// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

/** rpm's rpmvercmp (rpmio/rpmvercmp.c) applied to epoch, version and release in turn. */
final class RpmVersionOrdering implements VersionOrdering {

    @Override
    public String scheme() {
        return "rpm";
    }

    @Override
    public int compare(String a, String b) {
        String[] ea = evr(a);
        String[] eb = evr(b);
        int c = AgentVersionOrdering.compareNumeric(ea[0], eb[0]);
        if (c != 0) {
            return c;
        }
        c = rpmvercmp(ea[1], eb[1]);
        if (c != 0 || ea[2] == null || eb[2] == null) {
            // a missing release matches any release, as rpm does when comparing EVRs
            return c;
        }
        return rpmvercmp(ea[2], eb[2]);
    }

    /** Epoch (default "0"), version, release (null when absent). */
    private static String[] evr(String s) {
        String v = s == null ? "" : s.trim();
        String epoch = "0";
        int colon = v.indexOf(':');
        if (colon >= 0) {
            String e = v.substring(0, colon);
            epoch = e.isEmpty() ? "0" : e;
            v = v.substring(colon + 1);
        }
        String release = null;
        int dash = v.lastIndexOf('-');
        if (dash >= 0) {
            release = v.substring(dash + 1);
            v = v.substring(0, dash);
        }
        return new String[] {epoch, v, release};
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            // '~' sorts before everything, even the end
            boolean ta = i < a.length() && a.charAt(i) == '~';
            boolean tb = j < b.length() && b.charAt(j) == '~';
            if (ta || tb) {
                if (!ta) {
                    return 1;
                }
                if (!tb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // '^' sorts after the end but before anything else
            boolean ca = i < a.length() && a.charAt(i) == '^';
            boolean cb = j < b.length() && b.charAt(j) == '^';
            if (ca || cb) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!ca) {
                    return 1;
                }
                if (!cb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            int si = i;
            int sj = j;
            boolean numeric = digit(a.charAt(i));
            if (numeric) {
                while (i < a.length() && digit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && digit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < a.length() && alpha(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && alpha(b.charAt(j))) {
                    j++;
                }
            }
            String sa = a.substring(si, i);
            String sb = b.substring(sj, j);
            if (sb.isEmpty()) {
                // segments of different types: numeric is newer than alpha
                return numeric ? 1 : -1;
            }
            int c = numeric ? AgentVersionOrdering.compareNumeric(
                    AgentVersionOrdering.stripZeros(sa), AgentVersionOrdering.stripZeros(sb))
                    : Integer.signum(sa.compareTo(sb));
            if (c != 0) {
                return c;
            }
        }
        boolean endA = i >= a.length();
        boolean endB = j >= b.length();
        if (endA && endB) {
            return 0;
        }
        return endA ? -1 : 1;
    }
}
