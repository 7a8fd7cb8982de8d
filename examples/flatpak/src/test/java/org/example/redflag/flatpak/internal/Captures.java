// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.testkit.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real captures of tools/capture.sh (src/test/resources/flatpak/captured): stdout, stderr and the exit code each
 * command had, as a {@link CommandResult} a ScriptedRunner can answer with.
 */
final class Captures {

    static final String DIR = "flatpak/captured/";
    private static Map<String, String[]> index;

    private Captures() {
    }

    static String stdout(String name) {
        return Fixtures.text(DIR + name + ".stdout");
    }

    static String stderr(String name) {
        return Fixtures.text(DIR + name + ".stderr");
    }

    /** A terminal's copy (pty): stdout and stderr mixed, CR LF, escape sequences. */
    static String tty(String name) {
        return Fixtures.text(DIR + name + ".tty");
    }

    static int exitCode(String name) {
        String[] row = index().get(name);
        if (row == null) {
            throw new IllegalArgumentException("no capture " + name + " in CAPTURES.tsv");
        }
        return Integer.parseInt(row[0]);
    }

    /** The command line the capture ran (as recorded; the scene's folder is written $SCENE). */
    static String command(String name) {
        return index().get(name)[1];
    }

    static CommandResult result(String name) {
        return CommandResult.of(exitCode(name), stdout(name), stderr(name));
    }

    static synchronized Map<String, String[]> index() {
        if (index == null) {
            Map<String, String[]> m = new LinkedHashMap<>();
            List<String> lines = Fixtures.text(DIR + "CAPTURES.tsv").lines().skip(1).toList();
            for (String line : lines) {
                String[] f = line.split("\t", 3);
                m.put(f[0], new String[] {f[1], f[2]});
            }
            index = m;
        }
        return index;
    }
}
