// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerShellTest {

    @Test
    void encodesAsPowershellExpects() {
        String text = "Write-Output 'Zażółć'";
        String encoded = PowerShell.encode(text);
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE)).isEqualTo(text);
        // UTF-16LE: 'W' is 57 00
        assertThat(Base64.getDecoder().decode(encoded)).startsWith((byte) 0x57, (byte) 0x00);
    }

    @Test
    void wrapsTheScriptIntoABlockCalledWithTheIds() {
        assertThat(PowerShell.wrap("param([string[]]$UpdateIds)", List.of()))
                .isEqualTo("& {\nparam([string[]]$UpdateIds)\n}\n");
        assertThat(PowerShell.wrap("x", List.of("KB890830", "0e9f6f17-7d5a-4b1c-9a2e-4b7c1e7f3a51")))
                .isEqualTo("& {\nx\n} -UpdateIds 'KB890830', '0e9f6f17-7d5a-4b1c-9a2e-4b7c1e7f3a51'\n");
    }

    @Test
    void shortScriptsGoInline() throws Exception {
        String text = PowerShell.wrap(PowerShell.script("scan.ps1"), List.of("KB890830"));
        try (PowerShell.Invocation call = PowerShell.prepare("powershell.exe", text)) {
            assertThat(call.scriptFile()).isNull();
            assertThat(call.command().subList(0, 7)).containsExactly("powershell.exe", "-NoProfile", "-NonInteractive",
                    "-ExecutionPolicy", "Bypass", "-EncodedCommand", PowerShell.encode(text));
            // well below CreateProcess's 32 767 characters
            assertThat(String.join(" ", call.command()).length()).isLessThan(32_767);
        }
    }

    @Test
    void longScriptsGoThroughATemporaryFileWithABomThatIsDeleted() throws Exception {
        List<String> ids = new ArrayList<>(Collections.nCopies(200, "0e9f6f17-7d5a-4b1c-9a2e-4b7c1e7f3a51"));
        String text = PowerShell.wrap(PowerShell.script("install.ps1"), ids);
        assertThat(text.length()).isGreaterThan(PowerShell.MAX_INLINE_CHARS);
        PowerShell.Invocation call = PowerShell.prepare("powershell.exe", text);
        try (call) {
            assertThat(call.command()).contains("-File").doesNotContain("-EncodedCommand");
            byte[] bytes = Files.readAllBytes(call.scriptFile());
            assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
            assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(text);
        }
        assertThat(Files.exists(call.scriptFile())).isFalse();
    }

    @Test
    void theScriptsUseTheWindowsUpdateAgentAsDocumented() {
        String scan = PowerShell.script("scan.ps1");
        assertThat(scan).contains("New-Object -ComObject Microsoft.Update.Session")
                .contains("CreateUpdateSearcher().Search('IsInstalled=0 and IsHidden=0')")
                .contains("KBArticleIDs").contains("RevisionNumber").contains("MsrcSeverity").contains("MaxDownloadSize")
                .contains("RebootBehavior").contains("ConvertTo-Json -InputObject $value -Depth 5");
        String install = PowerShell.script("install.ps1");
        assertThat(install).contains("Microsoft.Update.UpdateColl").contains("AcceptEula()")
                .contains("CreateUpdateDownloader()").contains("CreateUpdateInstaller()").contains("GetUpdateResult($i)")
                .contains("RebootRequired");
        // ASCII only, so the text means the same in any code page
        assertThat(scan + install).matches("\\p{ASCII}*");
    }
}
