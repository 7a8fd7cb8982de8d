// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.windowsupdate.internal.PsWindowsUpdateTable.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PSWindowsUpdate's own help examples (CRLF, Polish titles) against their hand-written .expected.json. */
class PsWindowsUpdateTableTest {

    static final String EX1 = "pswindowsupdate-help-get-windowsupdate-example1-polish-titles.txt";
    static final String EX2 = "pswindowsupdate-help-get-windowsupdate-example2-driver-installed.txt";
    static final String EX3 = "pswindowsupdate-help-get-windowsupdate-example3-remote-title-filter.txt";

    @ParameterizedTest
    @ValueSource(strings = {EX1, EX2, EX3})
    void readsEveryRowAsTheOracleSays(String sample) {
        JsonNode expected = expected(sample);
        String text = Fixtures.text("windows-update/" + sample);
        assertThat(text).contains("\r\n");  // the copy kept the sample's CRLF
        List<Row> rows = PsWindowsUpdateTable.parse(text);

        List<Row> want = new ArrayList<>();
        for (JsonNode u : expected.get("updates")) {
            String title = u.get("title").asText();
            String status = u.get("status").asText();
            want.add(new Row(u.get("computerName").asText(), status, u.get("kb").isNull() ? null : u.get("kb").asText(),
                    u.get("size").asText(), title, u.get("titleTruncated").asBoolean(), u.get("isDownloaded").asBoolean(),
                    u.get("isInstalled").asBoolean(), u.get("isHidden").asBoolean(), false));
        }
        assertThat(rows).hasSize(expected.get("count").asInt()).containsExactlyElementsOf(want);
    }

    @Test
    void keepsPolishTitlesIntact() {
        List<Row> rows = PsWindowsUpdateTable.parse(Fixtures.text("windows-update/" + EX1));
        assertThat(rows.get(0).title()).startsWith("Narz\u0119dzie Windows do usuwania z\u0142o\u015bliwego");
        assertThat(rows.get(2).title()).contains("zabezpiecze\u0144 Adobe Flash Player");
    }

    @Test
    void readsStatusLettersByPosition() {
        String text = String.join("\r\n",
                "ComputerName Status     KB          Size Title",
                "------------ ------     --          ---- -----",
                "PC1          A-R-H--    KB5034441  309MB A pending update that needs a reboot",
                "PC1          ---H--     KB4034658    1GB An older 6-letter status, hidden",
                "VERBOSE: Accepted[1] Updates ready to Download");
        List<Row> rows = PsWindowsUpdateTable.parse(text);
        assertThat(rows).hasSize(2);
        // a right-aligned Size wider than its dashes still lands in Size, not in KB
        assertThat(rows.get(0).kb()).isEqualTo("KB5034441");
        assertThat(rows.get(0).size()).isEqualTo("309MB");
        assertThat(rows.get(0).rebootRequired()).isTrue();
        assertThat(rows.get(0).isInstalled()).isFalse();
        assertThat(rows.get(0).isHidden()).isTrue();
        assertThat(rows.get(1).isHidden()).isTrue();
        assertThat(rows.get(1).isDownloaded()).isFalse();
    }

    @ParameterizedTest(name = "bytes({0}) = {1}")
    @CsvSource({"44MB, 46137344", "1GB, 1073741824", "3 KB, 3072", "512B, 512", "1.5GB, 1610612736"})
    void convertsSizesInBinaryUnits(String size, long bytes) {
        assertThat(PsWindowsUpdateTable.bytes(size)).isEqualTo(bytes);
    }

    @Test
    void noTableIsNull() {
        assertThat(PsWindowsUpdateTable.parse("VERBOSE: Found[0] Updates in pre search criteria\r\n")).isNull();
        assertThat(PsWindowsUpdateTable.bytes("big")).isNull();
    }

    /** The hand-written oracle beside a sample: X.txt or X.json → X.expected.json. */
    static JsonNode expected(String sample) {
        try {
            return new ObjectMapper().readTree(Fixtures.expectedFor("windows-update/" + sample));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
