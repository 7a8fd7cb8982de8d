// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.PluginUnderTest;
import io.redflag.scanner.testkit.ScannerConformance;
import java.util.List;

/** The Windows Update plug-in passes the scanner test kit's conformance suite, on scan.ps1's reconstructed answers. */
class WindowsUpdateConformanceTest extends ScannerConformance {

    @Override
    protected PluginUnderTest plugin() {
        String four = Fixtures.text("windows-update/" + WindowsUpdateDescriptorTest.FOUR);
        String one = "[" + four.split("},\\{\"Title\"")[0].substring(1) + "}]";
        String superseded = one.replace("5034204", "5034441"); // a newer cumulative update replaced it meanwhile
        return PluginUnderTest.of(new WindowsUpdateDescriptor())
                .scanner(WindowsUpdateScanner::new)
                .scanOutput(four)
                .scan(r -> r.answerWhen(PowerShellCalls.running(WindowsUpdateScannerTest.SCAN), 0, four, ""))
                .dryRun(List.of(WindowsUpdateScannerTest.LCU),
                        r -> r.answerWhen(PowerShellCalls.running(WindowsUpdateScannerTest.SCAN), 0, one, ""),
                        r -> r.answerWhen(PowerShellCalls.running(WindowsUpdateScannerTest.SCAN), 0, superseded, ""),
                        "powershell.exe")
                .versions("10.0.19045.4046", "10.0.19045.4170", "10.0.22631.3296", "1.0", "2024-02");
    }
}
