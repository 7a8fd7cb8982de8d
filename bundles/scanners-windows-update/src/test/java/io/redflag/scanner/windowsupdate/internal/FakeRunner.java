// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.ScanContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} standing in for powershell.exe: it decodes the script it is given (from
 * -EncodedCommand, or reads the -File) and answers with the output registered for a marker text the
 * script contains. Records commands and scripts. Any other program is "not found" (127).
 */
final class FakeRunner implements CommandRunner {

    final List<List<String>> commands = new ArrayList<>();
    final List<String> scripts = new ArrayList<>();
    private final Map<String, CommandResult> answers = new LinkedHashMap<>();
    private final String executable;

    FakeRunner() {
        this("powershell.exe");
    }

    FakeRunner(String executable) {
        this.executable = executable;
    }

    /** Answer scripts containing {@code marker} (e.g. "CreateUpdateInstaller" for install.ps1). */
    FakeRunner answer(String marker, int exitCode, String stdout, String stderr) {
        answers.put(marker, CommandResult.of(exitCode, stdout, stderr));
        return this;
    }

    FakeRunner timeout(String marker) {
        CommandResult r = CommandResult.of(-1, "", "");
        r.timedOut = true;
        answers.put(marker, r);
        return this;
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        commands.add(List.copyOf(command));
        if (!command.get(0).equals(executable)) {
            return CommandResult.of(127, "", "'" + command.get(0) + "' is not recognized\n");
        }
        String script = script(command);
        scripts.add(script);
        // last registered marker wins, so a general answer can be refined
        CommandResult best = null;
        for (Map.Entry<String, CommandResult> e : answers.entrySet()) {
            if (script.contains(e.getKey())) {
                best = e.getValue();
            }
        }
        return best != null ? best : CommandResult.of(1, "", "no answer registered for this script\n");
    }

    static String script(List<String> command) {
        int e = command.indexOf("-EncodedCommand");
        if (e >= 0) {
            return new String(Base64.getDecoder().decode(command.get(e + 1)), StandardCharsets.UTF_16LE);
        }
        int f = command.indexOf("-File");
        try {
            String text = Files.readString(Path.of(command.get(f + 1)), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static ScanContext context() {
        return context(Map.of());
    }

    static ScanContext context(Map<String, String> configuration) {
        Instant deadline = Instant.now().plusSeconds(300);
        return ScanContext.of(deadline, configuration);
    }
}
