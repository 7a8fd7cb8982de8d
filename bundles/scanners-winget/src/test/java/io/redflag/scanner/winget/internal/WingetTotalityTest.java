// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.winget.internal.WingetTableParser.Listing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever winget (or a capture of it) hands over, the parsers answer: rows, an empty listing or a
 * {@link ScanException}, never another exception and never a hang; and the scanner answers with a report.
 */
class WingetTotalityTest {

    static final List<String> SAMPLES = List.of(WingetTableParserTest.EN, WingetTableParserTest.JA,
            WingetTableParserTest.NARROW, WingetRobustnessTest.DE, WingetRobustnessTest.WRAPPED,
            WingetRobustnessTest.WRAPPED_TRIMMED, WingetRobustnessTest.CP1252, WingetRobustnessTest.CP437,
            WingetRobustnessTest.NO_HEADER, WingetRobustnessTest.SPINNER, WingetRobustnessTest.JSON_ARRAY,
            WingetRobustnessTest.JSON_ONE);

    @Test
    void everyCutOfEveryFixtureParsesOrIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String sample : SAMPLES) {
                String text = Fixtures.text("winget/" + sample);
                for (int end = 0; end <= text.length(); end += 7) {
                    total(text.substring(0, end));
                    total(text.substring(end));
                }
            }
        });
    }

    @Test
    void shuffledDuplicatedAndMixedLinesParseOrAreRefused() {
        Random random = new Random(13);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String sample : SAMPLES) {
                List<String> lines = new ArrayList<>(List.of(Fixtures.text("winget/" + sample).split("\n", -1)));
                for (int round = 0; round < 40; round++) {
                    Collections.shuffle(lines, random);
                    if (round % 3 == 0) {
                        lines.add(lines.get(random.nextInt(lines.size())));
                    }
                    total(String.join(round % 2 == 0 ? "\n" : "\r", lines));
                }
            }
        });
    }

    @Test
    void garbageEmptyAndBinaryInputParseOrAreRefused() {
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Stream.of(null, "", " ", "\r\n\r\n", "\u0000\u0001", "-----------", "Name Id\n-----------",
                    "Name Id Version Available\n-----------\n-", "\u2026\u2026\u2026", "[", "{", "[{}]", "null",
                    "\uFEFF", "-\n-\n-\n-", "Name\n----------\n-\n--\n---").forEach(WingetTotalityTest::total);
            for (int k = 0; k < 300; k++) {
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(400);
                for (int i = 0; i < n; i++) {
                    String alphabet = " -\n\r.\u2026ab1<";
                    s.append((char) (random.nextInt(6) == 0 ? random.nextInt(0x10000)
                            : alphabet.charAt(random.nextInt(alphabet.length()))));
                }
                total(s.toString());
            }
        });
    }

    @Test
    void hugeInputIsReadQuicklyOrRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            StringBuilder table = new StringBuilder("Name  Id      Version Available Source\n")
                    .append("-".repeat(38)).append('\n');
            while (table.length() < WingetTableParser.MAX_CHARS - 100) {
                table.append("Git   Git.Git 2.44.0  2.45.1    winget\n");
            }
            Listing listing = WingetTableParser.parse(table.toString());
            assertThat(listing.rows()).isNotEmpty();
            assertThat(WingetReports.updates(listing)).hasSize(1);
            // one endless line, endless dashes, endless wrapped dash lines
            total("x".repeat(5_000_000));
            total("Name Id Version Available\n" + "-".repeat(5_000_000));
            total("Name Id Version Available\n" + "----------\n".repeat(200_000));
            total("Name  Id      Version Available Source\n" + "-".repeat(38) + "\n" + "a".repeat(3_000_000));
            assertThatThrownBy(() -> WingetTableParser.parse(" ".repeat(WingetTableParser.MAX_CHARS + 1)))
                    .isInstanceOf(ScanException.class);
        });
    }

    @Test
    void theScannerAlwaysAnswersWithAReport() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (String garbage : List.of("", "\u0000", "A B C D E F G\n--------------\na b c d e f g", "{", "[1]",
                    "x".repeat(100_000))) {
                ScriptedRunner runner = new ScriptedRunner().thenAnswer(WingetScannerTest.POWERSHELL, 0, garbage)
                        .thenAnswer(WingetScannerTest.LIST, 0, garbage);
                ScanReportDTO report = new WingetScanner(runner).scan(ScanContexts.standard());
                assertThat(report).isNotNull();
                assertThat(report.status).isIn(ScanStatus.OK, ScanStatus.FAILED, ScanStatus.PARTIAL);
            }
        });
    }

    private static void total(String text) {
        try {
            if (WingetJson.looksLikeJson(text)) {
                WingetJson.parse(text);
            }
            Listing listing = WingetTableParser.parse(text);
            WingetReports.report(listing);
            WingetReports.plan(listing);
            new WingetDescriptor().parseScanOutput(text);
        } catch (ScanException expected) {
            // refusing is a valid answer
        }
    }

}
