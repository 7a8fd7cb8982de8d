// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.version.VersionOrdering;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this plug-in reports as a version, and how such versions order.
 * <p>
 * A Flatpak build is a commit; its "version" is whatever the app's appstream data says (free text: "2.0.0",
 * "3.0 beta 2", often nothing for a runtime or an extension), and a rebuild may keep it (a runtime rebuilt for a library's
 * security fix still says "1.0.3"). So a version reported here is {@code "VERSION (COMMIT)"}, or {@code "COMMIT"} alone
 * when flatpak shows no version, with the 12 hex digits flatpak's tables print. Two builds with the same version still
 * differ, and a plan names the exact commits, so its hash changes when the remote moves on.
 * <p>
 * <b>Ordering</b> (scheme {@code flatpak}): the version texts are compared first, "naturally": split into runs of digits
 * and runs of letters (everything else separates), numbers compare by value, letters as text, a number after letters
 * sorts higher (3.0.1 after 3.0 beta 2), and a version that extends another sorts after it (3.0 beta 2 after 3.0: Flatpak
 * has no notion of pre-releases, and neither has this ordering). No version sorts before any version. When the texts are
 * equal, the commits decide by their text — which says nothing about which build is newer: commits have no order. Read
 * "different" as "another build", never "greater" as "newer", exactly as for the digests of Docker images.
 */
final class FlatpakVersions {

    private static final Pattern WITH_COMMIT = Pattern.compile("(.*\\S) \\(([0-9a-f]{12,64})\\)");
    private static final Pattern COMMIT_ONLY = Pattern.compile("[0-9a-f]{12,64}");

    private FlatpakVersions() {
    }

    /** {@code "2.0.0 (57d6a13fb269)"}, or the commit alone when there is no version; null without a commit. */
    static String format(String version, String commit) {
        if (commit == null) {
            return null;
        }
        String c = FlatpakRefs.shortCommit(commit);
        return version == null || version.isBlank() ? c : version + " (" + c + ")";
    }

    /** The commit of a reported version, or null. */
    static String commitOf(String reported) {
        String[] p = split(reported);
        return p[1].isEmpty() ? null : p[1];
    }

    /** {version, commit}, each possibly empty. */
    private static String[] split(String reported) {
        if (reported == null) {
            return new String[] {"", ""};
        }
        String s = reported.strip();
        if (s.length() > 4096) {
            return new String[] {s, ""};
        }
        Matcher m = WITH_COMMIT.matcher(s);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2)};
        }
        return COMMIT_ONLY.matcher(s).matches() ? new String[] {"", s} : new String[] {s, ""};
    }

    /** The ordering the descriptor hands the platform. */
    enum Ordering implements VersionOrdering {
        INSTANCE;

        @Override
        public String scheme() {
            return "flatpak";
        }

        @Override
        public int compare(String a, String b) {
            String[] x = split(a);
            String[] y = split(b);
            int c = compareVersions(x[0], y[0]);
            if (c == 0) {
                c = x[1].compareTo(y[1]);
            }
            if (c == 0) {
                // different spellings of the same thing (extra blanks, null against ""): still a total order
                c = (a == null ? "" : a).compareTo(b == null ? "" : b);
            }
            return Integer.signum(c);
        }
    }

    static int compareVersions(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? (b.isEmpty() ? 0 : -1) : 1;
        }
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compareTokens(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static int compareTokens(String a, String b) {
        boolean da = Character.isDigit(a.charAt(0));
        boolean db = Character.isDigit(b.charAt(0));
        if (da != db) {
            return da ? 1 : -1;
        }
        if (!da) {
            return a.compareTo(b);
        }
        String na = stripZeros(a);
        String nb = stripZeros(b);
        if (na.length() != nb.length()) {
            return Integer.compare(na.length(), nb.length());
        }
        int c = na.compareTo(nb);
        return c != 0 ? c : a.compareTo(b); // 01 and 1: equal values, still two spellings
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** Runs of digits and runs of letters; anything else only separates them. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            boolean digit = Character.isDigit(c);
            int j = i;
            while (j < s.length() && Character.isLetterOrDigit(s.charAt(j)) && Character.isDigit(s.charAt(j)) == digit) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }
}
