// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.testkit.ScriptedRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/** What a PowerShell command line runs: the script behind -EncodedCommand or -File, for scripting a runner by it. */
final class PowerShellCalls {

    private PowerShellCalls() {}

    /** Commands of that executable whose script holds {@code marker} (e.g. "CreateUpdateInstaller" for install.ps1). */
    static Predicate<List<String>> running(String executable, String marker) {
        return command -> command.get(0).equals(executable) && script(command).contains(marker);
    }

    /** The same for powershell.exe, the scanner's default. */
    static Predicate<List<String>> running(String marker) {
        return running("powershell.exe", marker);
    }

    /** The scripts the scanner ran, in order. */
    static List<String> scripts(ScriptedRunner runner) {
        return runner.runs().stream().map(PowerShellCalls::script).toList();
    }

    static String script(List<String> command) {
        int e = command.indexOf("-EncodedCommand");
        if (e >= 0) {
            return new String(Base64.getDecoder().decode(command.get(e + 1)), StandardCharsets.UTF_16LE);
        }
        int f = command.indexOf("-File");
        if (f < 0) {
            return "";
        }
        try {
            String text = Files.readString(Path.of(command.get(f + 1)), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
