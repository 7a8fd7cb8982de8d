// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's forms on the RECONSTRUCTED fixtures of src/test/resources/apt/robustness (README.md there):
 * each is made from a real capture, so the oracle is that capture's own, already checked, answer.
 */
class AptRobustnessTest {

    static final String DIR = "robustness/";
    static final int CAPTURED_UPDATES = 136;

    @ParameterizedTest
    @ValueSource(strings = {"reconstructed-list-upgradable-ja.stdout", "reconstructed-list-upgradable-zh_CN.stdout",
        "reconstructed-list-upgradable-wrapped80.stdout", "reconstructed-list-upgradable-wrapped80-trimmed.stdout",
        "reconstructed-list-upgradable-fr-mojibake-cp1252.stdout", "reconstructed-list-upgradable-noheader.stdout",
        "reconstructed-list-upgradable-duplicated.stdout", "reconstructed-list-upgradable-noise.stdout"})
    void givesExactlyTheCapturesUpdates(String sample) throws ScanException {
        List<String> want = tuples(AptListParser.parse(Fixtures.text("apt/list-upgradable.stdout"), "amd64").updates());
        AptListParser.Listing listing = AptListParser.parse(Fixtures.text("apt/" + DIR + sample), "amd64");
        assertThat(tuples(listing.updates())).hasSize(CAPTURED_UPDATES).containsExactlyElementsOf(want);
        assertThat(listing.notes()).noneMatch(n -> n.startsWith("ignored"));
    }

    @Test
    void readsTheJapaneseInstalledForm() throws ScanException {
        List<PackageUpdateDTO> updates = AptListParser.parse(Fixtures.text("apt/" + DIR + "reconstructed-list-installed-ja.stdout"),
                "amd64").updates();
        assertThat(tuples(updates)).containsExactly(
                "apt 2.6.1 -> 2.6.2 amd64 oldstable,now",
                "libnss3 2:3.87.1-1+deb12u1 -> 2:3.87.1-1+deb12u4 amd64 oldstable,now");
    }

    @Test
    void findsTheVersionInAnyBracket() {
        assertThat(AptListParser.version("upgradable from: 1:2.66-4")).containsExactly("1:2.66-4", null);
        assertThat(AptListParser.version("pouvant \u00eatre mis \u00e0 jour depuis\u00a0: 2.6.1")).containsExactly("2.6.1", null);
        assertThat(AptListParser.version("\u53ef\u4ece\u8be5\u7248\u672c\u5347\u7ea7\uff1a2.6.1")).containsExactly("2.6.1", null);
        assertThat(AptListParser.version("2.6.1 \u304b\u3089\u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u53ef")).containsExactly("2.6.1", null);
        assertThat(AptListParser.version("\u5df2\u5b89\u88c5\uff0c\u53ef\u5347\u7ea7\u81f3\uff1a2.6.2")[0]).isEqualTo("2.6.2");
        assertThat(AptListParser.version("\u5df2\u5b89\u88c5\uff0c\u53ef\u5347\u7ea7\u81f3\uff1a2.6.2")[1]).isNotNull();
        assertThat(AptListParser.version("installed")).isNull();
        assertThat(AptListParser.version("installed,automatic")).isNull();
        assertThat(AptListParser.version("residual-config")).isNull();
    }

    @Test
    void aWrappedSimulationGivesTheCapturesChanges() throws ScanException {
        List<String> want = changes(AptSimulationParser.parse(Fixtures.text("apt/sim-upgrade.stdout")).changes());
        List<String> got = changes(AptSimulationParser.parse(Fixtures.text("apt/" + DIR + "reconstructed-sim-upgrade-wrapped80.stdout")).changes());
        assertThat(got).hasSize(want.size()).containsExactlyElementsOf(want);
        assertThat(want).hasSize(2 * CAPTURED_UPDATES);   // every upgrade has an Inst and a Conf line
    }

    @Test
    void cutsShufflesAndGarbageParseOrAreRefused() {
        Random random = new Random(13);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String sample : List.of("list-upgradable.stdout", "sim-upgrade.stdout",
                    DIR + "reconstructed-list-upgradable-wrapped80.stdout", DIR + "reconstructed-list-upgradable-ja.stdout")) {
                String text = Fixtures.text("apt/" + sample);
                for (int end = 0; end <= text.length(); end += 97) {
                    total(text.substring(0, end));
                    total(text.substring(end));
                }
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                for (int round = 0; round < 20; round++) {
                    Collections.shuffle(lines, random);
                    total(String.join("\n", lines));
                }
            }
            for (String garbage : new String[] {null, "", "\n", "\u0000", "[", "a/b", "a/b 1 x [", "Inst (", "Inst a (((",
                "a/b 1 amd64 [1 2]", "E: nothing", "x".repeat(3_000_000)}) {
                total(garbage);
            }
            for (int k = 0; k < 200; k++) {
                StringBuilder s = new StringBuilder();
                String alphabet = "ab1:/ []()\n.\u2026-";
                for (int i = random.nextInt(300); i > 0; i--) {
                    s.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : alphabet.charAt(random.nextInt(alphabet.length())));
                }
                total(s.toString());
            }
        });
    }

    @Test
    void hugeInputIsRefusedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            String huge = "a/b 1.0 amd64 [upgradable from: 0.9]\n".repeat(AptListParser.MAX_CHARS / 37 + 1);
            assertThatThrownBy(() -> AptListParser.parse(huge, "amd64")).isInstanceOf(ScanException.class);
            assertThatThrownBy(() -> AptSimulationParser.parse(huge)).isInstanceOf(ScanException.class);
            String big = "a/b 1.0 amd64 [upgradable from: 0.9]\n".repeat(200_000);
            assertThat(AptListParser.parse(big, "amd64").updates()).hasSize(1);
        });
    }

    @Test
    void unreadableListingIsAFailedScanNotAnException() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answer("apt list --upgradable", 0, "\u0000garbage that is no listing\n", "")
                .answer("dpkg --print-architecture", 0, "amd64\n", "");
        io.redflag.scanner.ScanReportDTO report = new AptScanner(runner).scan(ScanContexts.standard());
        assertThat(report.status).isEqualTo(io.redflag.scanner.ScanStatus.FAILED);
        assertThat(report.message).contains("not apt list output");
    }

    private static void total(String text) {
        try {
            AptListParser.parse(text, null);
        } catch (ScanException refused) {
            // a valid answer
        }
        try {
            AptSimulationParser.parse(text);
        } catch (ScanException refused) {
            // a valid answer
        }
    }

    private static List<String> tuples(List<PackageUpdateDTO> updates) {
        return updates.stream().map(u -> u.id + " " + u.installedVersion + " -> " + u.availableVersion + " "
                + u.architecture + " " + u.source).toList();
    }

    private static List<String> changes(List<PackageChangeDTO> changes) {
        return changes.stream().map(c -> c.action + " " + c.name + " " + c.architecture + " " + c.fromVersion + " -> "
                + c.toVersion + " " + c.source).toList();
    }
}
