// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scanner prefers the WinGet PowerShell module's JSON and falls back to winget's table. */
class WingetStructuredScanTest {

    static final String POWERSHELL = WingetScannerTest.POWERSHELL;
    static final String LIST = WingetScannerTest.LIST;

    @Test
    void usesTheModulesJsonAndNeverRunsWinget() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(POWERSHELL, 0, Fixtures.text("winget/" + WingetRobustnessTest.JSON_ARRAY))
                .thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetRobustnessTest.TRUNCATED));
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(runner.commands()).singleElement().asString().startsWith(POWERSHELL + " ");
        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).extracting(u -> u.id + " " + u.installedVersion + " -> " + u.availableVersion)
                .containsExactly(
                        "Microsoft.VisualStudio.2022.Community 17.9.5 -> 17.10.0",
                        "NetEase.CloudMusic 2.10.10.201297 -> 3.0.1.202424",
                        "Discord.Discord < 1.0.9040 -> 1.0.9042",
                        "9NBLGGH5R558 2.114.7122.0 -> 2.117.7251.0");
        assertThat(report.updates.get(1).name).isEqualTo("\u7f51\u6613\u4e91\u97f3\u4e50");
    }

    @Test
    void theCommandRunsTheShippedScriptEncoded() {
        List<String> command = WingetPowerShell.command("pwsh.exe");
        assertThat(command.subList(0, 6)).containsExactly("pwsh.exe", "-NoProfile", "-NonInteractive",
                "-ExecutionPolicy", "Bypass", "-EncodedCommand");
        String script = new String(Base64.getDecoder().decode(command.get(6)), StandardCharsets.UTF_16LE);
        assertThat(script).contains("Import-Module Microsoft.WinGet.Client", "Get-WinGetPackage",
                "IsUpdateAvailable", "InstalledVersion", "AvailableVersions", "ConvertTo-Json -InputObject");
    }

    @Test
    void aSingleObjectIsOneUpgrade() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(POWERSHELL, 0, Fixtures.text("winget/" + WingetRobustnessTest.JSON_ONE));
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(report.updates).extracting(u -> u.id).containsExactly("Discord.Discord");
    }

    @Test
    void withoutTheModuleItReadsTheTableAndSaysWhy() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner()
                .thenAnswer(POWERSHELL, 1, "")
                .thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetRobustnessTest.DE));
        // the runner's stderr is what powershell.exe prints when Import-Module fails
        runner.answer(POWERSHELL, 1, "", "Import-Module : The specified module 'Microsoft.WinGet.Client' was not loaded"
                + " because no valid module file was found in any module directory.\r\n");
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(runner.commands()).hasSize(2).last().isEqualTo(LIST);
        assertThat(report.notes.get(0)).contains("read winget's table", "not available", "Microsoft.WinGet.Client");
        // the 100-column German table cut one Id: that upgrade is missing, so the scan is PARTIAL
        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).startsWith("1 upgrade(s) left out");
        assertThat(report.updates).extracting(u -> u.id).containsExactly("Mozilla.Firefox.de", "Discord.Discord",
                "NetEase.CloudMusic", "9NBLGGH5R558", "Docker.DockerDesktop");
        assertThat(report.notes).anyMatch(n -> n.contains("Microsoft.VisualStudio.2022.Co\u2026"));
    }

    @Test
    void garbageFromPowerShellFallsBackToo() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(POWERSHELL, 0, "WARNING: something odd\r\n")
                .thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetTableParserTest.NO_SOURCE));
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(report.updates).hasSize(3);
        assertThat(report.notes.get(0)).contains("printed no JSON");
        ScriptedRunner broken = new ScriptedRunner().thenAnswer(POWERSHELL, 0, "[{\"Id\": \"Git.Git\", ")
                .thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetTableParserTest.NO_SOURCE));
        assertThat(new WingetScanner(broken).scan(ScanContexts.standard()).updates).hasSize(3);
    }

    @Test
    void anEmptyPowerShellPathReadsTheTableOnly() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST, 0, Fixtures.text("winget/" + WingetTableParserTest.NO_SOURCE));
        ScanReportDTO report = new WingetScanner(runner)
                .scan(ScanContext.of(Instant.now().plusSeconds(60), Map.of("winget.powershell.path", "")));
        assertThat(runner.commands()).containsExactly(LIST);
        assertThat(report.notes).noneMatch(n -> n.contains("read winget's table"));
    }

    @Test
    void dryRunUsesTheModuleToo() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(POWERSHELL, 0, Fixtures.text("winget/" + WingetRobustnessTest.JSON_ARRAY));
        TransactionPlanDTO plan = new WingetScanner(runner).dryRun(ScanContexts.standard(),
                List.of("Microsoft.VisualStudio.2022.Community"));
        assertThat(plan.changes).extracting(c -> c.name + " " + c.fromVersion + " -> " + c.toVersion)
                .containsExactly("Microsoft.VisualStudio.2022.Community 17.9.5 -> 17.10.0");
    }

    @Test
    void aTableThatCannotBeSplitIsAFailedScanNotAnException() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().thenAnswer(LIST, 0, "A B C D E F G\n----------------------\na b c d e f g\n");
        ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("could not read winget's table");
    }
}
