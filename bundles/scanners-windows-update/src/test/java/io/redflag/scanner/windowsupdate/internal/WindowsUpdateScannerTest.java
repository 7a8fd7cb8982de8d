// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsUpdateScannerTest {

    // markers: only install.ps1 creates an installer; both scripts search
    static final String SCAN = "CreateUpdateSearcher";
    static final String INSTALL = "CreateUpdateInstaller";
    static final String LCU = "0e9f6f17-7d5a-4b1c-9a2e-4b7c1e7f3a51";
    static final String MSRT = "4e5b0ac1-2f3d-4c6e-8b1a-9d2c3e4f5a6b";

    @Test
    void scansThroughAnEncodedScanScript() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answerWhen(PowerShellCalls.running(SCAN), 0, Fixtures.text("windows-update/" + WindowsUpdateDescriptorTest.FOUR), "");
        ScanReportDTO report = new WindowsUpdateScanner(runner).scan(ScanContexts.standard());

        assertThat(runner.runs()).hasSize(1);
        assertThat(runner.runs().get(0)).startsWith("powershell.exe", "-NoProfile", "-NonInteractive",
                "-ExecutionPolicy", "Bypass", "-EncodedCommand");
        assertThat(PowerShellCalls.scripts(runner).get(0)).startsWith("& {\n").endsWith("\n}\n")
                .contains(PowerShell.script("scan.ps1")).doesNotContain("-UpdateIds '");
        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).extracting(u -> u.id).containsExactly(LCU, MSRT,
                "b6a9c8d2-1e3f-4a5b-8c7d-6e5f4a3b2c1d", "f1e2d3c4-b5a6-4798-8a9b-0c1d2e3f4a5b");
        assertThat(report.notes).singleElement().asString().contains("Intel - System").contains("ask for input");
    }

    @Test
    void usesTheConfiguredPowershell() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answerWhen(PowerShellCalls.running("pwsh.exe", SCAN), 0, "[]", "");
        ScanReportDTO report = new WindowsUpdateScanner(runner).scan(ScanContexts.with(Map.of("powershell.path", "pwsh.exe")));
        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).isEmpty();
    }

    @Test
    void missingPowershellIsAStatus() throws ScanException {
        ScanReportDTO report = new WindowsUpdateScanner(new ScriptedRunner()).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(report.message).contains("powershell");
    }

    @Test
    void anAgentErrorFailsTheScanWithItsHresult() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answerWhen(PowerShellCalls.running(SCAN), 1, Fixtures.text("windows-update/" + "reconstructed-scan-ps1-error.json"), "");
        ScanReportDTO report = new WindowsUpdateScanner(runner).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("exited with code 1").contains("0x8024402C");
    }

    @Test
    void aPowershellErrorIsReadFromStderrPastClixmlProgress() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answerWhen(PowerShellCalls.running(SCAN), 1, "",
                "#< CLIXML\r\n<Objs Version=\"1.1.0.1\"></Objs>\r\nNew-Object : Retrieving the COM class factory failed\r\n");
        ScanReportDTO report = new WindowsUpdateScanner(runner).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).endsWith("New-Object : Retrieving the COM class factory failed");
    }

    @Test
    void timeoutFails() throws ScanException {
        ScanReportDTO report = new WindowsUpdateScanner(new ScriptedRunner().answerWhen(PowerShellCalls.running(SCAN), ScriptedRunner.timedOut())).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.message).contains("deadline");
    }

    @Test
    void dryRunListsExactlyTheRequestedUpdates() throws ScanException {
        // the agent would answer only the requested ones; the fake returns a filtered listing
        String one = "[" + Fixtures.text("windows-update/" + WindowsUpdateDescriptorTest.FOUR).split("},\\{\"Title\"")[0].substring(1) + "}]";
        ScriptedRunner runner = new ScriptedRunner().answerWhen(PowerShellCalls.running(SCAN), 0, one, "");
        TransactionPlanDTO plan = new WindowsUpdateScanner(runner).dryRun(ScanContexts.standard(), List.of(LCU, "KB5000001"));
        assertThat(PowerShellCalls.scripts(runner).get(0)).endsWith("} -UpdateIds '" + LCU + "', 'KB5000001'\n");
        assertThat(plan.changes).extracting(c -> c.name).containsExactly("KB5034204");
        assertThat(plan.requested).containsExactly(LCU, "KB5000001");
        assertThat(plan.notes).singleElement().asString().startsWith("KB5000001: Windows Update does not offer");
    }

    @Test
    void dryRunOfNothingRunsNothing() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner();
        assertThat(new WindowsUpdateScanner(runner).dryRun(ScanContexts.standard(), List.of()).changes).isEmpty();
        assertThat(runner.runs()).isEmpty();
    }

    @Test
    void installRunsInstallScriptAndMapsEachResult() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answerWhen(PowerShellCalls.running(INSTALL), 0, Fixtures.text("windows-update/" + "reconstructed-install-ps1-mixed.json"), "");
        InstallResultDTO result = new WindowsUpdateScanner(runner).install(ScanContexts.standard(),
                List.of(LCU, "KB890830", "KB5000001"));
        assertThat(PowerShellCalls.scripts(runner).get(0)).contains(PowerShell.script("install.ps1"))
                .endsWith("} -UpdateIds '" + LCU + "', 'KB890830', 'KB5000001'\n");
        assertThat(result.installed).containsExactly(LCU);
        assertThat(result.success).isFalse();
        assertThat(result.rebootRequired).isTrue();
        assertThat(result.exitCode).isZero();
        assertThat(result.message).contains("installed 1 of 3").contains("KB890830 (failed, 0x80240022)")
                .contains("KB5000001 (not offered)").contains("restart");
        assertThat(result.output).contains("\"ResultCode\":3");
    }

    @Test
    void installErrorsAndMissingPowershellAreResults() throws ScanException {
        ScriptedRunner failing = new ScriptedRunner().answerWhen(PowerShellCalls.running(INSTALL), 1,
                "{\"Error\":{\"HResult\":\"0x80240044\",\"Message\":\"Exception from HRESULT: 0x80240044\"}}", "");
        InstallResultDTO result = new WindowsUpdateScanner(failing).install(ScanContexts.standard(), List.of(LCU));
        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.message).contains("0x80240044");

        InstallResultDTO missing = new WindowsUpdateScanner(new ScriptedRunner()).install(ScanContexts.standard(), List.of(LCU));
        assertThat(missing.success).isFalse();
        assertThat(missing.exitCode).isEqualTo(127);
        assertThat(missing.message).contains("powershell is not installed");
    }

    @Test
    void refusesIdsThatCouldChangeTheScript() {
        WindowsUpdateScanner scanner = new WindowsUpdateScanner(new ScriptedRunner());
        for (String bad : new String[] {"KB1'; Remove-Item C:\\ -Recurse; '", "kb", "Git.Git", "", "KB 123"}) {
            assertThatThrownBy(() -> scanner.install(ScanContexts.standard(), List.of(bad)))
                    .as(bad).isInstanceOf(ScanException.class).hasMessageContaining("not a Windows UpdateID or KB id");
        }
    }
}
