// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the command line that runs one of this bundle's PowerShell scripts. A bundle resource is not a
 * file, so the script text travels as {@code -EncodedCommand} (base64 of UTF-16LE, as powershell.exe
 * expects): no file to create, secure or delete. Only a text longer than {@link #MAX_INLINE_CHARS}
 * (many requested ids) goes through a temporary file instead, because CreateProcess takes at most
 * 32 767 characters and base64 of UTF-16 is 8/3 as long as the text.
 * <p>
 * Arguments cannot be passed to an encoded command or reliably as a {@code string[]} to {@code -File},
 * so the script is wrapped into a script block invoked with its arguments:
 * {@code & { <script> } -UpdateIds 'id1', 'id2'}. The ids are validated before (GUIDs or KB numbers), so
 * quoting them in single quotes is safe.
 */
final class PowerShell {

    /** -NoProfile: no user profile scripts; -NonInteractive: fail instead of prompting; Bypass: the scripts are not signed. */
    static final List<String> OPTIONS = List.of("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass");
    /** Script text up to this length is sent inline; its base64 (about 21 400 chars) fits a command line. */
    static final int MAX_INLINE_CHARS = 8_000;

    /** A ready command; {@link #close()} deletes the temporary script file, if one was needed. */
    record Invocation(List<String> command, Path scriptFile) implements AutoCloseable {
        @Override
        public void close() {
            if (scriptFile != null) {
                try {
                    Files.deleteIfExists(scriptFile);
                } catch (IOException e) {
                    // nothing secret in it; the OS temp cleaner will take it
                }
            }
        }
    }

    private PowerShell() {}

    /** A script shipped in this bundle, next to this class. */
    static String script(String name) {
        try (InputStream in = PowerShell.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundle resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code & { script } -UpdateIds 'a', 'b'} (no argument when ids is empty). Ids must be validated. */
    static String wrap(String script, List<String> ids) {
        String args = ids.isEmpty() ? ""
                : " -UpdateIds " + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        return "& {\n" + script + "\n}" + args + "\n";
    }

    /** What {@code -EncodedCommand} takes: base64 of the UTF-16LE bytes. */
    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_16LE));
    }

    static Invocation prepare(String executable, String text) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(OPTIONS);
        if (text.length() <= MAX_INLINE_CHARS) {
            command.add("-EncodedCommand");
            command.add(encode(text));
            return new Invocation(command, null);
        }
        Path file = Files.createTempFile("redflag-windows-update-", ".ps1");
        // with a BOM: Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);
        command.add("-File");
        command.add(file.toString());
        return new Invocation(command, file);
    }
}
