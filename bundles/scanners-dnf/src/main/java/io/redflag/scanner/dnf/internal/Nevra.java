// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A package's name, [epoch:]version-release and architecture, as dnf prints them.
 *
 * @param evr epoch, version and release as dnf prints them: the epoch only when it is not 0
 */
record Nevra(String name, String evr, String arch) {

    // rpm forbids '-' in version and release; the epoch is numeric.
    private static final Pattern EVR = Pattern.compile("(\\d+:)?[^\\s:-]+-[^\\s:-]+");

    /** "name.arch", the id dnf accepts for exactly this package on this architecture. */
    String na() {
        return name + "." + arch;
    }

    /** True when {@code s} has the form [epoch:]version-release. */
    static boolean isEvr(String s) {
        return EVR.matcher(s).matches();
    }

    /** {@code evr} without a "0:" epoch, which dnf never prints. */
    static String withoutZeroEpoch(String evr) {
        return evr.startsWith("0:") ? evr.substring(2) : evr;
    }

    /**
     * Splits "name.arch" on the LAST dot: names contain dots (python3.12), architectures never do.
     */
    static Optional<Nevra> fromNameArch(String na, String evr) {
        int dot = na.lastIndexOf('.');
        if (dot <= 0 || dot == na.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Nevra(na.substring(0, dot), evr, na.substring(dot + 1)));
    }

    /** Parses "name-[epoch:]version-release.arch" (the advisory lists' package column). */
    static Optional<Nevra> parse(String nevra) {
        int dot = nevra.lastIndexOf('.');
        if (dot <= 0 || dot == nevra.length() - 1) {
            return Optional.empty();
        }
        String nvr = nevra.substring(0, dot);
        int releaseDash = nvr.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : nvr.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0) {
            return Optional.empty();
        }
        String evr = nvr.substring(versionDash + 1);
        if (!isEvr(evr)) {
            return Optional.empty();
        }
        return Optional.of(new Nevra(nvr.substring(0, versionDash), evr, nevra.substring(dot + 1)));
    }
}
