// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WingetScannerTest {

    static final String LIST = "winget upgrade --include-unknown --accept-source-agreements --disable-interactivity";
    /** The structured listing tried first; ScriptedRunner answers 127 (not found) unless a test says otherwise. */
    static final String POWERSHELL = "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand";
    static final String INSTALL_TAIL = " --exact --silent --accept-package-agreements --accept-source-agreements --disable-interactivity";

    // what winget upgrade --id prints, shaped after winget's install flow messages (not captured)
    static final String INSTALLED = "Found Git [Git.Git] Version 2.45.1\r\n"
            + "This application is licensed to you by its owner.\r\n"
            + "Microsoft is not responsible for, nor does it grant any licenses to, third-party packages.\r\n"
            + "Downloading https://github.com/git-for-windows/git/releases/download/v2.45.1.windows.1/Git-2.45.1-64-bit.exe\r\n"
            + "\r  \u2588\u2588\u2588\u2588\u2592\u2592  10.0 MB / 64.5 MB\r  \u2588\u2588\u2588\u2588\u2588\u2588  64.5 MB / 64.5 MB\r\n"
            + "Successfully verified installer hash\r\nStarting package install...\r\nSuccessfully installed\r\n";

    @Test
    void scansWithTheDocumentedFlags() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetTableParserTest.EN));
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        // the WinGet PowerShell module first; without it (here: no PowerShell at all), winget's table
        assertThat(runner.commands()).hasSize(2);
        assertThat(runner.commands().get(0)).startsWith(POWERSHELL + " ");
        assertThat(runner.commands().get(1)).isEqualTo(LIST);
        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).hasSize(12);
        assertThat(report.notes.get(0)).startsWith("read winget's table").contains("powershell.exe is not installed");
        assertThat(report.notes).anyMatch(n -> n.contains("explicit targeting") && n.contains("Google.AndroidStudio"))
                .anyMatch(n -> n.contains("pins that prevent upgrade"));
    }

    @Test
    void usesTheConfiguredWingetPath() throws ScanException {
        String exe = "C:\\Program Files\\WindowsApps\\Microsoft.DesktopAppInstaller_1.22.11261.0_x64__8wekyb3d8bbwe\\winget.exe";
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST.replace("winget", exe), 0, Fixtures.text("winget/" + WingetTableParserTest.NONE));
        ScanReportDTO report = new WingetScanner(runner)
                .scan(ScanContext.of(Instant.now().plusSeconds(60), Map.of("winget.path", exe)));
        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(runner.runs().get(1).get(0)).isEqualTo(exe);
    }

    @Test
    void aMissingWingetIsAStatus() throws ScanException {
        ScanReportDTO report = new WingetScanner(new ScriptedRunner()).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(report.message).contains("winget");
    }

    @Test
    void aFailureWithoutATableFails() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST, 0x8A15000F, "Failed in attempting to update the source: winget\r\n");
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("0x8A15000F").contains("Failed in attempting to update the source");
    }

    @Test
    void aFailingSourceBesideATableIsPartial() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST, 0x8A15004B, Fixtures.text("winget/" + WingetTableParserTest.NO_SOURCE));
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).contains("sources could not be opened");
        assertThat(report.updates).hasSize(3);
    }

    @Test
    void retriesWithoutDisableInteractivityOnOldWinget() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .thenAnswer(LIST, 0x8A150002, "Argument name was not recognized for the current command: '--disable-interactivity'\r\n")
                .thenAnswer("winget upgrade --include-unknown --accept-source-agreements", 0, Fixtures.text("winget/" + WingetTableParserTest.NO_SOURCE));
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(runner.commands()).endsWith(LIST, "winget upgrade --include-unknown --accept-source-agreements");
        assertThat(report.updates).hasSize(3);
    }

    @Test
    void timeoutIsAFailure() throws ScanException {
        ScanReportDTO report = new WingetScanner(new ScriptedRunner().timeout(LIST, "")).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("deadline");
    }

    @Test
    void dryRunIsTheListedUpgradeOfTheRequestedIds() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetTableParserTest.EN));
        TransactionPlanDTO plan = new WingetScanner(runner).dryRun(ScanContexts.standard(), List.of("Discord.Discord", "Spotify.Spotify"));
        assertThat(plan.changes).extracting(c -> c.name + " " + c.fromVersion + " -> " + c.toVersion)
                .containsExactlyInAnyOrder("Discord.Discord < 1.0.9040 -> 1.0.9042", "Spotify.Spotify Unknown -> 1.2.37.701.ge66eb7bc");
        assertThat(plan.requested).containsExactly("Discord.Discord", "Spotify.Spotify");
    }

    @Test
    void dryRunFailsLoudly() {
        assertThatThrownBy(() -> new WingetScanner(new ScriptedRunner()).dryRun(ScanContexts.standard(), List.of("Git.Git")))
                .isInstanceOf(ScanException.class).hasMessageContaining("not installed");
        ScriptedRunner failing = new ScriptedRunner().thenAnswer(LIST, 0x8A15000F, "Failed in attempting to update the source: winget\n");
        assertThatThrownBy(() -> new WingetScanner(failing).dryRun(ScanContexts.standard(), List.of("Git.Git")))
                .isInstanceOf(ScanException.class).hasMessageContaining("0x8A15000F");
    }

    @Test
    void installsOneIdAtATimeAndCollectsResults() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .thenAnswer("winget upgrade --id Git.Git", 0, INSTALLED)
                .thenAnswer("winget upgrade --id Microsoft.EdgeWebView2Runtime", 0x8A150109,
                        "Successfully installed. Restart your PC to finish installation.\r\n")
                .thenAnswer("winget upgrade --id Valve.Steam", 0x8A150011, "Installer hash does not match; this cannot be overridden when running as admin\r\n");
        InstallResultDTO result = new WingetScanner(runner).install(ScanContexts.standard(),
                List.of("Git.Git", "Microsoft.EdgeWebView2Runtime", "Valve.Steam"));
        assertThat(runner.commands()).containsExactly(
                "winget upgrade --id Git.Git" + INSTALL_TAIL,
                "winget upgrade --id Microsoft.EdgeWebView2Runtime" + INSTALL_TAIL,
                "winget upgrade --id Valve.Steam" + INSTALL_TAIL);
        assertThat(result.installed).containsExactly("Git.Git", "Microsoft.EdgeWebView2Runtime");
        assertThat(result.success).isFalse();
        assertThat(result.rebootRequired).isTrue();
        assertThat(result.exitCode).isEqualTo(0x8A150011);
        assertThat(result.message).contains("upgraded 2 of 3").contains("Valve.Steam (0x8A150011 (installer hash mismatch))");
        assertThat(result.output).contains("Successfully installed").contains("Installer hash does not match");
    }

    @Test
    void installSucceedsWhenEveryIdIsUpgraded() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer("winget upgrade --id Git.Git", 0, INSTALLED);
        InstallResultDTO result = new WingetScanner(runner).install(ScanContexts.standard(), List.of("Git.Git"));
        assertThat(result.success).isTrue();
        assertThat(result.exitCode).isZero();
        assertThat(result.rebootRequired).isFalse();
        assertThat(result.message).isEqualTo("upgraded 1 of 1");
    }

    @Test
    void installWithoutWingetSaysSo() throws ScanException {
        InstallResultDTO result = new WingetScanner(new ScriptedRunner()).install(ScanContexts.standard(), List.of("Git.Git"));
        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(127);
        assertThat(result.message).contains("not installed");
    }

    @Test
    void installStopsAtTheDeadline() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer("winget upgrade --id Git.Git", 0, INSTALLED);
        InstallResultDTO result = new WingetScanner(runner)
                .install(ScanContext.of(Instant.now().minusSeconds(1), Map.of()), List.of("Git.Git"));
        assertThat(runner.runs()).isEmpty();
        assertThat(result.success).isFalse();
        assertThat(result.installed).isEmpty();
    }

    @Test
    void refusesIdsThatAreOptionsOrCut() {
        WingetScanner scanner = new WingetScanner(new ScriptedRunner());
        for (String bad : new String[] {"--source", "-h", "Git Git", "Microsoft.VisualStudio.202\u2026", "", "a\"b"}) {
            assertThatThrownBy(() -> scanner.install(ScanContexts.standard(), List.of(bad)))
                    .as(bad).isInstanceOf(ScanException.class).hasMessageContaining("not a winget package Id");
        }
        assertThatThrownBy(() -> scanner.dryRun(ScanContexts.standard(), List.of("--all"))).isInstanceOf(ScanException.class);
    }
}
