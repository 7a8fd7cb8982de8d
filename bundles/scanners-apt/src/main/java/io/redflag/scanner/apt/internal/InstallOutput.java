// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.CommandResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what {@code apt-get install} (and dpkg under it) printed. */
final class InstallOutput {

    // dpkg: "Setting up openssl (3.0.22-1~deb12u2) ..."; Multi-Arch: same packages carry their
    // architecture even when native ("Setting up libssl3:amd64 (…) ...")
    private static final Pattern SETTING_UP = Pattern.compile("^Setting up (\\S+?)(?::(\\S+))? \\(");
    // dpkg prints "Setting up" before the postinst runs, so a failing script follows it with this
    private static final Pattern FAILED = Pattern.compile("^dpkg: error processing package (\\S+?)(?::(\\S+))? \\(");

    private InstallOutput() {}

    /**
     * The requested ids dpkg configured without error. A bare id matches the package in any
     * architecture: a Multi-Arch: same package is upgraded in all its architectures at once anyway.
     */
    static List<String> upgraded(String output, List<String> requested) {
        Set<String> names = new HashSet<>();
        Set<String> qualified = new HashSet<>();
        Set<String> failedNames = new HashSet<>();
        Set<String> failedQualified = new HashSet<>();
        for (String line : ToolText.stripEscapes(output).split("\\R")) {
            collect(SETTING_UP.matcher(line.strip()), names, qualified);
            collect(FAILED.matcher(line.strip()), failedNames, failedQualified);
        }
        List<String> done = new ArrayList<>();
        for (String id : requested) {
            boolean ok = id.contains(":") ? qualified.contains(id) && !failedQualified.contains(id)
                    && !failedNames.contains(id.substring(0, id.indexOf(':')))
                    : names.contains(id) && !failedNames.contains(id);
            if (ok) {
                done.add(id);
            }
        }
        return done;
    }

    private static void collect(Matcher m, Set<String> names, Set<String> qualified) {
        if (m.find()) {
            names.add(m.group(1));
            if (m.group(2) != null) {
                qualified.add(m.group(1) + ":" + m.group(2));
            }
        }
    }

    /** A one-line summary for the operator. */
    static String summary(CommandResult r, List<String> installed, List<String> requested) {
        if (r.timedOut) {
            return "apt-get did not finish before the deadline; dpkg may have been interrupted"
                    + " (run 'dpkg --configure -a')";
        }
        if (r.exitCode != 0) {
            String error = lastError(r.stderr + "\n" + r.stdout);
            return "apt-get failed with exit code " + r.exitCode + (error == null ? "" : ": " + error);
        }
        List<String> missing = new ArrayList<>(requested);
        missing.removeAll(installed);
        String s = "upgraded " + installed.size() + " of " + requested.size() + " requested packages";
        return missing.isEmpty() ? s : s + "; not upgraded: " + String.join(" ", missing);
    }

    /** The last "E: " line, which says why apt gave up, or null. */
    static String lastError(String text) {
        String last = null;
        for (String line : text.split("\\R")) {
            if (line.startsWith("E: ")) {
                last = line.substring(3).strip();
            }
        }
        return last;
    }
}
