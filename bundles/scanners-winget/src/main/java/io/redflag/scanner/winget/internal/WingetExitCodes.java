// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import java.util.Map;

/** winget's exit codes are HRESULTs; this names the ones an operator meets when upgrading. */
final class WingetExitCodes {

    // winget-cli doc/windows/package-manager/winget/returnCodes.md
    private static final Map<Integer, String> KNOWN = Map.ofEntries(
            Map.entry(0x8A150002, "invalid command line arguments"),
            Map.entry(0x8A150008, "downloading the installer failed"),
            Map.entry(0x8A150010, "no installer applies to this system"),
            Map.entry(0x8A150011, "installer hash mismatch"),
            Map.entry(0x8A150014, "no package found"),
            Map.entry(0x8A150016, "several packages match"),
            Map.entry(0x8A150019, "needs administrator rights"),
            Map.entry(0x8A15002B, "no applicable upgrade found"),
            Map.entry(0x8A150041, "package agreements not accepted"),
            Map.entry(0x8A150046, "source agreements not accepted"),
            Map.entry(0x8A15004B, "one or more sources could not be opened"),
            Map.entry(0x8A150068, "the package is pinned"),
            Map.entry(0x8A150101, "the application is in use"),
            Map.entry(0x8A150102, "an installation is already in progress"),
            Map.entry(0x8A150109, "restart to finish installation"),
            Map.entry(0x8A15010A, "restart, then try again"),
            Map.entry(0x8A15010B, "the PC restarts to finish installation"),
            Map.entry(3010, "success, restart required"),
            Map.entry(1641, "success, restart initiated"));

    private WingetExitCodes() {}

    /** "0x8A15002B (no applicable upgrade found)", or the plain number for small codes. */
    static String describe(int code) {
        String text = code < 0 ? String.format("0x%08X", code) : Integer.toString(code);
        String meaning = KNOWN.get(code);
        return meaning == null ? text : text + " (" + meaning + ")";
    }
}
