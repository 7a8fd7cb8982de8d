// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsUpdateDescriptorTest {

    static final String FOUR = "reconstructed-scan-ps1-four-updates.json";

    private final WindowsUpdateDescriptor descriptor = new WindowsUpdateDescriptor();

    @Test
    void describesWindowsUpdate() {
        assertThat(descriptor.defaultConfiguration()).containsEntry("powershell.path", "powershell.exe");
        // an update's version is its revision number
        assertThat(descriptor.versionOrdering().compare("9", "200")).isNegative();
    }

    @Test
    void readsScanJsonAsTheOracleSays() throws ScanException {
        List<PackageUpdateDTO> updates = descriptor.parseScanOutput(Fixtures.text("windows-update/" + FOUR));
        JsonNode expected = PsWindowsUpdateTableTest.expected(FOUR).get("updates");
        assertThat(updates).hasSize(expected.size());
        for (int i = 0; i < updates.size(); i++) {
            PackageUpdateDTO u = updates.get(i);
            JsonNode e = expected.get(i);
            assertThat(u.id).isEqualTo(e.get("id").asText());
            assertThat(u.name).isEqualTo(e.get("name").asText());
            assertThat(u.availableVersion).isEqualTo(e.get("availableVersion").asText());
            assertThat(u.source).isEqualTo(e.get("source").asText());
            assertThat(u.severity).isEqualTo(Severity.valueOf(e.get("severity").asText()));
            assertThat(u.security).isEqualTo(e.get("security").asBoolean());
            assertThat(u.advisories).containsExactlyElementsOf(texts(e.get("advisories")));
            assertThat(u.cves).containsExactlyElementsOf(texts(e.get("cves")));
            assertThat(u.downloadSize).isEqualTo(e.get("downloadSize").asLong());
            assertThat(u.rebootRequired).as(u.id).isEqualTo(e.get("rebootRequired").asBoolean());
            assertThat(u.installedVersion).isNull();
        }
    }

    @Test
    void decodesEscapedNonAsciiTitles() throws ScanException {
        // scan.ps1 escapes every non-ASCII character; the title must come back in Polish
        assertThat(Fixtures.text("windows-update/" + FOUR)).doesNotContain("\u00f3").contains("\\u00f3");
        assertThat(descriptor.parseScanOutput(Fixtures.text("windows-update/" + FOUR)).get(1).name)
                .startsWith("Narz\u0119dzie Windows do usuwania z\u0142o\u015bliwego");
    }

    @Test
    void acceptsAnUnrolledSingleObjectWithStringsForNumbers() throws ScanException {
        List<PackageUpdateDTO> updates = descriptor.parseScanOutput(Fixtures.text("windows-update/" + "reconstructed-scan-ps1-single-object.json"));
        assertThat(updates).extracting(u -> u.id, u -> u.availableVersion, u -> u.downloadSize)
                .containsExactly(tuple("b6a9c8d2-1e3f-4a5b-8c7d-6e5f4a3b2c1d", "200", 66060288L));
        assertThat(updates.get(0).advisories).containsExactly("KB2267602");
    }

    @Test
    void readsPsWindowsUpdateTablesTooKeepingOnlyPendingUpdates() throws ScanException {
        List<PackageUpdateDTO> ex1 = descriptor.parseScanOutput(Fixtures.text("windows-update/" + PsWindowsUpdateTableTest.EX1));
        assertThat(ex1).extracting(u -> u.id).containsExactly("KB890830", "KB4034658", "KB4034662", "KB4035631");
        assertThat(ex1.get(1).downloadSize).isEqualTo(1L << 30);
        assertThat(ex1.get(0).advisories).containsExactly("KB890830");
        // example 2 lists an INSTALLED driver without KB: nothing pending
        assertThat(descriptor.parseScanOutput(Fixtures.text("windows-update/" + PsWindowsUpdateTableTest.EX2))).isEmpty();
        assertThat(descriptor.parseScanOutput(Fixtures.text("windows-update/" + PsWindowsUpdateTableTest.EX3))).hasSize(5);
    }

    @Test
    void planInstallsEachUpdateByKb() throws ScanException {
        TransactionPlanDTO plan = descriptor.parseDryRunOutput(Fixtures.text("windows-update/" + FOUR));
        assertThat(plan.changes).extracting(c -> c.action, c -> c.name, c -> c.fromVersion, c -> c.toVersion, c -> c.source)
                .containsExactly(
                        tuple(ChangeAction.INSTALL, "KB5034204", null, "1", "0e9f6f17-7d5a-4b1c-9a2e-4b7c1e7f3a51"),
                        tuple(ChangeAction.INSTALL, "KB890830", null, "200", "4e5b0ac1-2f3d-4c6e-8b1a-9d2c3e4f5a6b"),
                        tuple(ChangeAction.INSTALL, "KB2267602", null, "200", "b6a9c8d2-1e3f-4a5b-8c7d-6e5f4a3b2c1d"),
                        // no KB: named by its title
                        tuple(ChangeAction.INSTALL, "Intel - System - 2.2.1.384", null, "1", "f1e2d3c4-b5a6-4798-8a9b-0c1d2e3f4a5b"));
        assertThat(plan.hash).isNull();
    }

    @Test
    void emptyListings() throws ScanException {
        assertThat(descriptor.parseScanOutput(Fixtures.text("windows-update/" + "reconstructed-scan-ps1-empty.json"))).isEmpty();
        assertThat(descriptor.parseScanOutput("")).isEmpty();
        assertThat(descriptor.parseScanOutput("VERBOSE: MG-PC: Connecting to Windows Update server. Please wait...\r\n"
                + "VERBOSE: Found[0] Updates in pre search criteria\r\n")).isEmpty();
    }

    @Test
    void refusesOtherText() {
        assertThatThrownBy(() -> descriptor.parseScanOutput("Name  Id  Version\n----------\n"))
                .isInstanceOf(ScanException.class).hasMessageContaining("Get-WindowsUpdate");
        assertThatThrownBy(() -> descriptor.parseScanOutput("[{\"Title\": \"cut off"))
                .isInstanceOf(ScanException.class).hasMessageContaining("broken JSON");
        assertThatThrownBy(() -> descriptor.parseScanOutput("[1, 2]"))
                .isInstanceOf(ScanException.class).hasMessageContaining("not an update");
        assertThatThrownBy(() -> descriptor.parseScanOutput(Fixtures.text("windows-update/" + "reconstructed-scan-ps1-error.json")))
                .isInstanceOf(ScanException.class).hasMessageContaining("0x8024402C");
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
