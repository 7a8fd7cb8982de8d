// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flatpak's names: refs ({@code app/org.example.Hello/x86_64/stable}), the partial refs {@code flatpak list} prints
 * ({@code org.example.Hello/x86_64/stable}, without the kind), remote names and commits. A word that is not one of these
 * is never passed to flatpak and never reported as an id.
 */
final class FlatpakRefs {

    /** Longest ref accepted (flatpak's ids are at most 255 characters; arch and branch are short). */
    static final int MAX_REF = 400;

    // an application or runtime id: at least two dot-separated elements of letters, digits, '_' and '-', not starting
    // with a digit or '-' (flatpak_is_valid_name, less strictly: this only has to keep options and paths out)
    private static final String ID = "[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+";
    private static final String ARCH = "[A-Za-z0-9_]+";
    private static final String BRANCH = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
    private static final Pattern FULL = Pattern.compile("(app|runtime)/(" + ID + ")/(" + ARCH + ")/(" + BRANCH + ")");
    private static final Pattern PARTIAL = Pattern.compile("(" + ID + ")/(" + ARCH + ")/(" + BRANCH + ")");
    private static final Pattern REMOTE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** The commits flatpak's tables print: the first 12 hex digits of the checksum (or all 64 of it elsewhere). */
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{12,64}");

    /** A ref split into its parts. */
    record Ref(String kind, String id, String arch, String branch) {
        /** {@code kind/id/arch/branch}: what the scanner reports as an update's id and passes to flatpak. */
        String full() {
            return kind + "/" + partial();
        }

        /** {@code id/arch/branch}: how flatpak list names it. */
        String partial() {
            return id + "/" + arch + "/" + branch;
        }

        boolean isApp() {
            return "app".equals(kind);
        }
    }

    private FlatpakRefs() {
    }

    /** The full ref, or null when {@code text} is not one. */
    static Ref full(String text) {
        if (text == null || text.length() > MAX_REF) {
            return null;
        }
        Matcher m = FULL.matcher(text);
        return m.matches() ? new Ref(m.group(1), m.group(2), m.group(3), m.group(4)) : null;
    }

    /** The partial ref {@code id/arch/branch} as {@code flatpak list} prints it, kind unknown (null); null when it is not one. */
    static Ref partial(String text) {
        if (text == null || text.length() > MAX_REF) {
            return null;
        }
        Matcher m = PARTIAL.matcher(text);
        return m.matches() ? new Ref(null, m.group(1), m.group(2), m.group(3)) : null;
    }

    static boolean isRemote(String text) {
        return text != null && REMOTE.matcher(text).matches();
    }

    static boolean isCommit(String text) {
        return text != null && COMMIT.matcher(text).matches();
    }

    /** The first 12 hex digits, the form flatpak's tables print (a full checksum from remote-info is cut to match). */
    static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
