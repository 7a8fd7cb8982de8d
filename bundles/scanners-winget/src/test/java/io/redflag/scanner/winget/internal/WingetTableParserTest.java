// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.text.ToolText;
import io.redflag.scanner.winget.internal.WingetTableParser.Listing;
import io.redflag.scanner.winget.internal.WingetTableParser.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser against the RECONSTRUCTED winget fixtures (see generate-reconstructed.py: made with winget's
 * own table rules because no Windows capture was available) and their .expected.json.
 */
class WingetTableParserTest {

    static final String EN = "reconstructed-winget-upgrade-en-console120-crlf.txt";
    static final String NO_SOURCE = "reconstructed-winget-upgrade-nosource-lf.txt";
    static final String JA = "reconstructed-winget-upgrade-ja-lf.txt";
    static final String NARROW = "reconstructed-winget-upgrade-narrow80-lf.txt";
    static final String NONE = "reconstructed-winget-upgrade-none-crlf.txt";

    @ParameterizedTest
    @ValueSource(strings = {EN, NO_SOURCE, JA, NARROW, NONE})
    void readsEveryRowAsTheOracleSays(String sample) throws ScanException {
        JsonNode expected = expected(sample);
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + sample));

        List<Row> want = new ArrayList<>();
        for (JsonNode r : expected.get("rows")) {
            want.add(new Row(r.get("name").asText(), r.get("id").asText(), r.get("version").asText(),
                    r.get("available").asText(), r.get("source").isNull() ? null : r.get("source").asText(),
                    r.get("explicitTargeting").asBoolean(), r.get("idTruncated").asBoolean()));
        }
        assertThat(listing.rows()).containsExactlyElementsOf(want);
        assertThat(listing.sawTable()).isEqualTo(!want.isEmpty());
        List<String> notes = new ArrayList<>();
        expected.get("notes").forEach(n -> notes.add(n.asText()));
        assertThat(listing.notes()).containsExactlyElementsOf(notes);
        if (!expected.get("upgradesAvailable").isNull()) {
            assertThat(listing.announcedCount()).isEqualTo(expected.get("upgradesAvailable").asInt());
        }
    }

    @Test
    void cutsColumnsByDisplayCellsSoWideNamesDoNotShiftTheId() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + EN));
        Row netease = find(listing, "NetEase.CloudMusic");
        assertThat(netease.name()).isEqualTo("\u7f51\u6613\u4e91\u97f3\u4e50");
        assertThat(netease.version()).isEqualTo("2.10.10.201297");
        // a wide character that did not fit leaves one blank before the ellipsis; it is not part of the name
        Row hidemaru = find(listing, "Hidemaruo.Hidemaru.Editor.JP");
        assertThat(hidemaru.name()).endsWith("9.31 \u2026").doesNotEndWith(" ");
        assertThat(find(listing, "Kakao.KakaoTalk").available()).isEqualTo("4.0.2.3620");
    }

    @Test
    void keepsApproximateAndUnknownVersionsAsText() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + EN));
        assertThat(find(listing, "Discord.Discord").version()).isEqualTo("< 1.0.9040");
        assertThat(find(listing, "Adobe.Acrobat.Reader.64-bit").version()).isEqualTo("> 24.001.20604");
        assertThat(find(listing, "Spotify.Spotify").version()).isEqualTo("Unknown");
        assertThat(find(listing, "Microsoft.VCRedist.2015+.x64").name())
                .isEqualTo("Microsoft Visual C++ 2015-2022 Redistributabl\u2026");
    }

    @Test
    void marksTheSecondTableAsExplicitTargeting() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + EN));
        assertThat(listing.rows()).filteredOn(Row::explicitTargeting).extracting(Row::id)
                .containsExactly("Google.AndroidStudio");
        assertThat(listing.announcedCount()).isEqualTo(12);
    }

    @Test
    void seesTheTableThroughSpinnerAndProgressNoise() {
        List<String> visible = ToolText.asShown("\r   - \r   \\ \r     \rName  Id\r\n"
                + "\u001B[2K\u001B]9;4;3;0\u0007  \u2588\u2588\u2592  1 KB\r\n");
        assertThat(visible).containsExactly("Name  Id", "  \u2588\u2588\u2592  1 KB", "");
    }

    @Test
    void findsColumnsUnderAHeaderLabelWithABlank() throws ScanException {
        // a translation could have a two-word label; the rows show where the real column edges are
        String out = String.join("\n",
                "Name  ID      Version Verfügbare Version Quelle",
                "----------------------------------------------",
                "Git   Git.Git 2.44.0  2.45.1             winget",
                "Zoom  Zoom.Zo 5.17.11 6.0.0              winget",
                "2 Aktualisierungen verfügbar.");
        Listing listing = WingetTableParser.parse(out);
        assertThat(listing.rows()).extracting(Row::id, Row::available, Row::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Git.Git", "2.45.1", "winget"),
                        org.assertj.core.groups.Tuple.tuple("Zoom.Zo", "6.0.0", "winget"));
    }

    @Test
    void refusesAHeaderItCannotSplit() {
        String out = String.join("\n",
                "A B C D E F G",
                "----------------------",
                "a b c d e f g");
        assertThatThrownBy(() -> WingetTableParser.parse(out)).isInstanceOf(ScanException.class)
                .hasMessageContaining("columns");
    }

    @Test
    void saysWhenWingetFoundNothing() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + NONE));
        assertThat(listing.saidNothingFound()).isTrue();
        assertThat(listing.rows()).isEmpty();
    }

    private static Row find(Listing listing, String id) {
        return listing.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** The hand-checkable oracle beside a sample: X.txt → X.expected.json. */
    static JsonNode expected(String sample) {
        try {
            return new ObjectMapper().readTree(Fixtures.expectedFor("winget/" + sample));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
