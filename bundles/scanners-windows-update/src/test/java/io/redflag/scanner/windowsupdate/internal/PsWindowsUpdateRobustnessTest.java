// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.windowsupdate.internal.PsWindowsUpdateTable.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's forms on the RECONSTRUCTED fixtures of src/test/resources/windows-update/robustness (README.md
 * there), each derived from a REAL PSWindowsUpdate help example whose parse PsWindowsUpdateTableTest checks.
 */
class PsWindowsUpdateRobustnessTest {

    static final String DIR = "robustness/";

    @ParameterizedTest
    @ValueSource(strings = {"reconstructed-example1-wrapped70.txt", "reconstructed-example1-mojibake-cp1252.txt",
        "reconstructed-example1-noheader.txt", "reconstructed-example1-duplicated.txt"})
    void givesExactlyTheSamplesRows(String sample) throws ScanException {
        List<Row> want = PsWindowsUpdateTable.parse(Fixtures.text("windows-update/" + PsWindowsUpdateTableTest.EX1));
        assertThat(PsWindowsUpdateTable.parse(Fixtures.text("windows-update/" + DIR + sample))).hasSize(4).containsExactlyElementsOf(want);
        assertThat(ids(new WindowsUpdateDescriptor().parseScanOutput(Fixtures.text("windows-update/" + DIR + sample))))
                .containsExactly("KB890830", "KB4034658", "KB4034662", "KB4035631");
    }

    @Test
    void wideTitlesStayWhole() {
        List<Row> rows = PsWindowsUpdateTable.parse(Fixtures.text("windows-update/" + DIR + "reconstructed-example1-japanese-titles.txt"));
        assertThat(rows).extracting(Row::kb).containsExactly("KB890830", "KB4034658", "KB4034662", "KB4035631");
        assertThat(rows.get(0).title()).isEqualTo("Windows \u60aa\u610f\u306e\u3042\u308b\u30bd\u30d5\u30c8\u30a6"
                + "\u30a7\u30a2\u306e\u524a\u9664\u30c4\u30fc\u30eb x64 - v5.52 (KB890830)");
        assertThat(rows.get(0).titleTruncated()).isFalse();
        assertThat(rows.get(1).titleTruncated()).isTrue();
    }

    @Test
    void aCutKbIsNeverAnId() throws ScanException {
        List<PackageUpdateDTO> updates = new WindowsUpdateDescriptor()
                .parseScanOutput(Fixtures.text("windows-update/" + DIR + "reconstructed-example3-cut-kb.txt"));
        assertThat(ids(updates)).containsExactly("KB3150513", "KB4034662", "KB4035631");
        assertThat(ToolText.isCut("KB40346\u2026")).isTrue();
    }

    @Test
    void cutsShufflesAndGarbageNeverThrowAnythingButScanException() {
        Random random = new Random(13);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String sample : List.of(PsWindowsUpdateTableTest.EX1, PsWindowsUpdateTableTest.EX2,
                    PsWindowsUpdateTableTest.EX3, DIR + "reconstructed-example1-wrapped70.txt")) {
                String text = Fixtures.text("windows-update/" + sample);
                for (int end = 0; end <= text.length(); end += 3) {
                    total(text.substring(0, end));
                    total(text.substring(end));
                }
                List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
                for (int round = 0; round < 30; round++) {
                    Collections.shuffle(lines, random);
                    total(String.join("\r\n", lines));
                }
            }
            for (String garbage : new String[] {null, "", "\r\n", "\u0000", "ComputerName Status KB Size Title\n-",
                "ComputerName Status     KB          Size Title\n------------ ------     --          ---- -----\nX",
                "PC ------- KB1 1MB t", "x".repeat(3_000_000), ("PC1 ------- KB1 1MB " + "t".repeat(100) + "\n").repeat(50_000)}) {
                total(garbage);
            }
        });
    }

    private static void total(String text) {
        try {
            new WindowsUpdateDescriptor().parseScanOutput(text);
        } catch (ScanException refused) {
            // a valid answer
        }
    }

    private static List<String> ids(List<PackageUpdateDTO> updates) {
        return updates.stream().map(u -> u.id).toList();
    }
}
