// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The command that lists pending upgrades through the Microsoft.WinGet.Client PowerShell module
 * ({@code list-upgrades.ps1}, a bundle resource next to this class). A resource is not a file, so the
 * script goes inline as {@code -EncodedCommand} (base64 of UTF-16LE, as powershell.exe expects); it is
 * short and takes no arguments.
 */
final class WingetPowerShell {

    /** -NoProfile: no user profile scripts; -NonInteractive: fail instead of prompting; Bypass: the script is not signed. */
    static final List<String> OPTIONS = List.of("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
            "-EncodedCommand");
    static final String SCRIPT = script("list-upgrades.ps1");

    private WingetPowerShell() {}

    static List<String> command(String powershell) {
        List<String> command = new ArrayList<>();
        command.add(powershell);
        command.addAll(OPTIONS);
        command.add(Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_16LE)));
        return command;
    }

    private static String script(String name) {
        try (InputStream in = WingetPowerShell.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundle resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
