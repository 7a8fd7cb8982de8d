// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.text.ToolText;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code apt-cache policy name…} to tell which kept-back packages are really phased updates.
 * <p>
 * apt before 2.7 (Debian 12, Ubuntu 22.04) lists a phased update under "kept back" like a held
 * package; only the version table says {@code 500 (phased 10%)} next to the candidate.
 */
final class AptPolicyParser {

    // "libssl3:i386:" or "curl:" at the start of a line opens a package's block
    private static final Pattern HEADER = Pattern.compile("^(\\S+):$");
    // "  Candidate: 1.12-1+rf1"; the label is translated, so only the shape is used
    private static final Pattern FIELD = Pattern.compile("^ {2}[^ :][^:]*: (\\S+)$");
    // "     1.12-1+rf1 500 (phased 0%)" or " *** 1.12-1 500"
    private static final Pattern VERSION = Pattern.compile("^ (?:\\*\\*\\*| {3}) (\\S+) -?\\d+(.*)$");

    private AptPolicyParser() {}

    /** Names (as apt prints them) whose candidate version is in a phased roll-out. */
    static Set<String> phasedCandidates(String output) {
        Set<String> phased = new LinkedHashSet<>();
        String pkg = null;
        String candidate = null;
        int field = 0;
        for (String line : ToolText.stripEscapes(output).split("\\R")) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                pkg = h.group(1);
                candidate = null;
                field = 0;
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (pkg != null && f.matches()) {
                // Installed comes first, Candidate second, in every translation
                if (++field == 2) {
                    candidate = f.group(1);
                }
                continue;
            }
            Matcher v = VERSION.matcher(line);
            if (pkg != null && candidate != null && v.matches() && v.group(1).equals(candidate)
                    && v.group(2).contains("(phased ")) {
                phased.add(pkg);
            }
        }
        return phased;
    }
}
