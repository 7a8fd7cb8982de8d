// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.PackageUpdateDTO;
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
 * The forms real captures come in (issue 13), on the RECONSTRUCTED fixtures of
 * src/test/resources/winget/robustness (README.md there says what each one is made from): translated,
 * wrapped by a narrow terminal, cut by winget, mangled by a wrong code page, without header, duplicated,
 * behind spinner garbage, and the WinGet PowerShell module's JSON.
 */
class WingetRobustnessTest {

    static final String DIR = "robustness/";
    static final String DE = DIR + "reconstructed-winget-upgrade-de-DE-console100-crlf.txt";
    static final String FR = DIR + "reconstructed-winget-upgrade-fr-FR-lf.txt";
    static final String JA = DIR + "reconstructed-winget-upgrade-ja-JP-console80-lf.txt";
    static final String ZH = DIR + "reconstructed-winget-upgrade-zh-CN-lf.txt";
    static final String ZH_NONE = DIR + "reconstructed-winget-upgrade-zh-CN-none-lf.txt";
    static final String WRAPPED = DIR + "reconstructed-winget-upgrade-wrapped80-crlf.txt";
    static final String WRAPPED_TRIMMED = DIR + "reconstructed-winget-upgrade-wrapped80-trimmed-lf.txt";
    static final String TRUNCATED = DIR + "reconstructed-winget-upgrade-truncated-console70-lf.txt";
    static final String CP1252 = DIR + "reconstructed-winget-upgrade-en-console120-mojibake-cp1252-crlf.txt";
    static final String CP850 = DIR + "reconstructed-winget-upgrade-de-DE-mojibake-cp850-crlf.txt";
    static final String CP437 = DIR + "reconstructed-winget-upgrade-ja-JP-mojibake-cp437-lf.txt";
    static final String NO_HEADER = DIR + "reconstructed-winget-upgrade-noheader-lf.txt";
    static final String DUPLICATED = DIR + "reconstructed-winget-upgrade-duplicated-lf.txt";
    static final String SPINNER = DIR + "reconstructed-winget-upgrade-spinner-garbage-crlf.txt";
    static final String JSON_ARRAY = DIR + "reconstructed-winget-psmodule-array-crlf.txt";
    static final String JSON_ONE = DIR + "reconstructed-winget-psmodule-single-object-crlf.txt";

    @ParameterizedTest
    @ValueSource(strings = {DE, FR, JA, ZH, ZH_NONE, WRAPPED, WRAPPED_TRIMMED, TRUNCATED, CP1252, CP850, CP437,
        NO_HEADER, DUPLICATED, SPINNER, JSON_ARRAY, JSON_ONE})
    void readsEveryRowAsTheOracleSays(String sample) throws ScanException {
        JsonNode expected = WingetTableParserTest.expected(sample);
        String text = Fixtures.text("winget/" + sample);
        Listing listing = WingetJson.looksLikeJson(text) ? WingetJson.parse(text) : WingetTableParser.parse(text);

        assertThat(listing.rows()).containsExactlyElementsOf(rows(expected));
        List<String> notes = new ArrayList<>();
        expected.get("notes").forEach(n -> notes.add(n.asText()));
        assertThat(listing.notes()).containsExactlyElementsOf(notes);
        if (!expected.get("upgradesAvailable").isNull()) {
            assertThat(listing.announcedCount()).isEqualTo(expected.get("upgradesAvailable").asInt());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DE, FR, JA, ZH, ZH_NONE, WRAPPED, WRAPPED_TRIMMED, TRUNCATED, CP1252, CP850, CP437,
        NO_HEADER, DUPLICATED, SPINNER, JSON_ARRAY, JSON_ONE})
    void reportsExactlyTheWholeIdsOnce(String sample) throws ScanException {
        List<String> want = new ArrayList<>();
        WingetTableParserTest.expected(sample).get("reportedIds").forEach(id -> want.add(id.asText()));
        List<PackageUpdateDTO> updates = new WingetDescriptor().parseScanOutput(Fixtures.text("winget/" + sample));
        assertThat(updates).extracting(u -> u.id).containsExactlyElementsOf(want);
        assertThat(updates).allSatisfy(u -> assertThat(ToolText.isCut(u.id)).as(u.id).isFalse());
    }

    @Test
    void translatedTablesGiveTheSameUpgradesAsEnglish() throws ScanException {
        WingetDescriptor d = new WingetDescriptor();
        List<PackageUpdateDTO> fr = d.parseScanOutput(Fixtures.text("winget/" + FR));
        assertThat(fr).extracting(u -> u.id + " " + u.installedVersion + " " + u.availableVersion + " " + u.source)
                .containsExactly(
                        "Microsoft.VisualStudio.2022.Community 17.9.5 17.9.6 winget",
                        "Mozilla.Firefox.de 124.0.1 125.0.2 winget",
                        "Discord.Discord < 1.0.9040 1.0.9042 winget",
                        "NetEase.CloudMusic 2.10.10.201297 3.0.1.202424 winget",
                        "9NBLGGH5R558 2.114.7122.0 2.117.7251.0 msstore");
        assertThat(d.parseScanOutput(Fixtures.text("winget/" + ZH))).extracting(u -> u.id + " " + u.availableVersion)
                .containsExactly("SakuraEditor.SakuraEditor 2.4.2.6048", "Hidemaruo.Hidemaru.Editor.JP 9.31",
                        "Tencent.TencentMeeting 3.24.2.412", "7zip.7zip 24.05");
        // the German second table is found by its title's trailing colon
        assertThat(WingetTableParser.parse(Fixtures.text("winget/" + DE)).rows()).filteredOn(Row::explicitTargeting)
                .extracting(Row::id).containsExactly("Docker.DockerDesktop");
        assertThat(WingetTableParser.parse(Fixtures.text("winget/" + ZH_NONE)).saidNothingFound()).isTrue();
    }

    @Test
    void aWrappedTableIsJoinedBackWithAndWithoutTrailingBlanks() throws ScanException {
        for (String sample : List.of(WRAPPED, WRAPPED_TRIMMED)) {
            Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + sample));
            assertThat(listing.rows()).as(sample).extracting(r -> r.id() + " " + r.version() + " " + r.available())
                    .containsExactly(
                            "Microsoft.VisualStudio.2022.Community 17.9.5 17.9.6",
                            "Mozilla.Firefox.de 124.0.1 125.0.2",
                            "Discord.Discord < 1.0.9040 1.0.9042",
                            "NetEase.CloudMusic 2.10.10.201297 3.0.1.202424",
                            "9NBLGGH5R558 2.114.7122.0 2.117.7251.0");
            assertThat(listing.announcedCount()).isEqualTo(5);
        }
    }

    @Test
    void aCutIdIsNeverAnId() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + TRUNCATED));
        assertThat(listing.rows()).filteredOn(Row::idTruncated).extracting(Row::id)
                .containsExactly("Microsoft.Visua\u2026", "Mozilla.Firefox\u2026", "NetEase.CloudMu\u2026");
        assertThat(WingetReports.updates(listing)).extracting(u -> u.id)
                .containsExactly("Discord.Discord", "9NBLGGH5R558");
        assertThat(WingetReports.plan(listing).changes).extracting(c -> c.name)
                .containsExactly("Discord.Discord", "9NBLGGH5R558");
        // an Id cut and then mangled ("â€¦") is still recognised as cut when the line could not be repaired
        assertThat(ToolText.isCut("Microsoft.Visua\u00E2\u20AC\u00A6")).isTrue();
        assertThat(ToolText.isCut("Microsoft.Visua\u0393\u00C7\u00AA")).isTrue();
        assertThat(ToolText.isCut("Microsoft.Visual")).isFalse();
    }

    @Test
    void mangledEncodingsAreRepairedBeforeColumnsAreCut() throws ScanException {
        Listing en = WingetTableParser.parse(Fixtures.text("winget/" + WingetTableParserTest.EN));
        Listing mangled = WingetTableParser.parse(Fixtures.text("winget/" + CP1252));
        assertThat(mangled.rows()).containsExactlyElementsOf(en.rows());
        Listing de = WingetTableParser.parse(Fixtures.text("winget/" + CP850));
        assertThat(de.rows()).extracting(Row::name).contains("\u7f51\u6613\u4e91\u97f3\u4e50");
        assertThat(de.announcedCount()).isEqualTo(6);
    }

    @Test
    void duplicatedRowsAreReportedOnce() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + DUPLICATED));
        assertThat(listing.rows()).hasSize(8);
        assertThat(WingetReports.updates(listing)).extracting(u -> u.id)
                .containsExactly("Mozilla.Firefox.de", "Discord.Discord", "9NBLGGH5R558");
    }

    @Test
    void rowsWithoutAHeaderAreReadFromTheRight() throws ScanException {
        Listing listing = WingetTableParser.parse(Fixtures.text("winget/" + NO_HEADER));
        assertThat(listing.rows()).extracting(r -> r.name() + "|" + r.id() + "|" + r.version() + "|" + r.available()
                + "|" + r.source()).contains(
                        "Discord|Discord.Discord|< 1.0.9040|1.0.9042|winget",
                        "Spotify|Spotify.Spotify|Unknown|1.2.37.701.ge66eb7bc|winget",
                        "Microsoft To Do|9NBLGGH5R558|2.114.7122.0|2.117.7251.0|msstore");
        // the header words alone are not a row, nor is the footer
        assertThat(HeaderlessRows.read(List.of("Name Id Version Available Source",
                "12 upgrades available.", "Found Git [Git.Git] Version 2.45.1"))).isEmpty();
    }

    @Test
    void theModulesJsonTakesTheNewestVersionAndKeepsNamesWhole() throws ScanException {
        Listing listing = WingetJson.parse(Fixtures.text("winget/" + JSON_ARRAY));
        assertThat(listing.rows()).extracting(Row::name).contains("\u7f51\u6613\u4e91\u97f3\u4e50",
                "Microsoft Visual Studio Community 2022");
        assertThat(listing.rows().get(0).available()).isEqualTo("17.10.0");
        Listing one = WingetJson.parse(Fixtures.text("winget/" + JSON_ONE));
        assertThat(one.rows()).extracting(Row::id).containsExactly("Discord.Discord");
        assertThat(WingetJson.parse("").rows()).isEmpty();
        assertThat(WingetJson.parse("[]").rows()).isEmpty();
        assertThat(WingetJson.parse("[{\"Id\":\"A.B\",\"InstalledVersion\":\"1\",\"AvailableVersions\":[\"2\"],"
                + "\"IsUpdateAvailable\":false}]").rows()).isEmpty();
        assertThat(WingetJson.parse("[{\"Name\":\"x\"}]").notes()).singleElement().asString().contains("without Id");
        assertThatThrownBy(() -> WingetJson.parse("[1, 2]")).isInstanceOf(ScanException.class);
        assertThatThrownBy(() -> WingetJson.parse("{\"Id\": ")).isInstanceOf(ScanException.class);
    }

    @Test
    void repairsOnlyWhatIsUnambiguous() {
        assertThat(ToolText.repairMojibakeLine("Microsoft.Visua\u00E2\u20AC\u00A6")).isEqualTo("Microsoft.Visua\u2026");
        assertThat(ToolText.repairMojibakeLine("Verf\u251C\u255Dgbar")).isEqualTo("Verf\u00FCgbar");
        assertThat(ToolText.repairMojibakeLine("\u0393\u00C7\u00AA")).isEqualTo("\u2026");
        // correct text stays as it is: a lone "é" or "ü" is no UTF-8 sequence in any code page
        assertThat(ToolText.repairMojibakeLine("Caf\u00E9 Verf\u00FCgbar \u7f51\u6613")).isEqualTo("Caf\u00E9 Verf\u00FCgbar \u7f51\u6613");
        assertThat(ToolText.repairMojibakeLine("  \u2588\u2588\u2592  1 KB")).isEqualTo("  \u2588\u2588\u2592  1 KB");
        assertThat(ToolText.repairMojibake(null)).isEmpty();
    }

    private static List<Row> rows(JsonNode expected) {
        List<Row> want = new ArrayList<>();
        for (JsonNode r : expected.get("rows")) {
            want.add(new Row(r.get("name").asText(), r.get("id").asText(), r.get("version").asText(),
                    r.get("available").asText(), r.get("source").isNull() ? null : r.get("source").asText(),
                    r.get("explicitTargeting").asBoolean(), r.get("idTruncated").asBoolean()));
        }
        return want;
    }
}
