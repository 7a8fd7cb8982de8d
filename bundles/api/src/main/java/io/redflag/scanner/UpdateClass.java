// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.Locale;

/**
 * What kind of change an update is, as its source says: a security fix, a bug fix, an enhancement. New constants may
 * come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum UpdateClass {
    /** Fixes a vulnerability (a security pocket, a security advisory, a security update category). */
    SECURITY,
    /** Fixes bugs: a stable distribution's ordinary updates, a bugfix advisory. */
    BUGFIX,
    /** Adds or changes features. */
    ENHANCEMENT,
    /** The source does not say. */
    UNKNOWN;

    /** An ecosystem's own word ("security", "bugfix", "enhancement", "newpackage"); anything else is {@link #UNKNOWN}. */
    public static UpdateClass fromLabel(String label) {
        if (label == null) {
            return UNKNOWN;
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "security" -> SECURITY;
            case "bugfix", "bug fix", "recommended" -> BUGFIX;
            case "enhancement", "newpackage", "feature" -> ENHANCEMENT;
            default -> UNKNOWN;
        };
    }
}
