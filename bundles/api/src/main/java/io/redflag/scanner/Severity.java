// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.Locale;

/** Severity of an update, on the scale shared by MSRC, DNF advisories and Debian/Ubuntu security pockets. */
public enum Severity {
    CRITICAL, IMPORTANT, MODERATE, LOW,
    /** The ecosystem published no severity for this update. */
    UNKNOWN;

    /**
     * Maps an ecosystem's own word to this scale ("Critical", "Important", "Moderate", "Low",
     * "High" and "Medium" as used by some advisory feeds); anything else is {@link #UNKNOWN}.
     */
    public static Severity fromLabel(String label) {
        if (label == null) {
            return UNKNOWN;
        }
        switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "critical": return CRITICAL;
            case "important": case "high": return IMPORTANT;
            case "moderate": case "medium": return MODERATE;
            case "low": return LOW;
            default: return UNKNOWN;
        }
    }
}
