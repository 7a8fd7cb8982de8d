// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
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
 * Issue 13's forms on the RECONSTRUCTED fixtures of src/test/resources/dnf/robustness (README.md there):
 * each is derived from a fixture one folder up, whose parse the older tests already check.
 */
class DnfRobustnessTest {

    static final String DIR = "robustness/";
    static final String DNF4 = "reconstructed-dnf4-check-update-wrapped.txt";
    static final String DNF5 = "reconstructed-dnf5-check-upgrade.txt";

    @ParameterizedTest
    @ValueSource(strings = {"reconstructed-dnf4-check-update-de.txt", "reconstructed-dnf4-check-update-ja.txt",
        "reconstructed-dnf4-check-update-zh_CN.txt", "reconstructed-dnf4-check-update-de-mojibake-cp1252.txt",
        "reconstructed-dnf4-check-update-duplicated.txt", "reconstructed-dnf4-check-update-unknown-obsoleting-title.txt"})
    void dnf4FormsGiveTheSourcesUpdatesAndNotes(String sample) throws ScanException {
        CheckUpdateParser.Result want = CheckUpdateParser.parse(Fixtures.text("dnf/" + DNF4));
        CheckUpdateParser.Result got = CheckUpdateParser.parse(Fixtures.text("dnf/" + DIR + sample));
        assertThat(tuples(got.updates())).hasSize(12).containsExactlyElementsOf(tuples(want.updates()));
        // the obsoletes relations and kernel notes survive; a translated chatter line is no note
        assertThat(got.notes()).containsAll(want.notes().stream().distinct().toList());
        assertThat(got.notes()).noneMatch(n -> n.contains("Metadaten") || n.contains("\u30e1\u30bf\u30c7\u30fc\u30bf")
                || n.contains("\u5143\u6570\u636e"));
        assertThat(got.updates()).extracting(u -> u.id).doesNotContain("grub2-tools-extra.x86_64", "python-foo.noarch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reconstructed-dnf5-check-upgrade-wrapped40.txt", "reconstructed-dnf5-check-upgrade-noise-noheader.txt"})
    void dnf5FormsGiveTheSourcesUpdates(String sample) throws ScanException {
        CheckUpdateParser.Result want = CheckUpdateParser.parse(Fixtures.text("dnf/" + DNF5));
        CheckUpdateParser.Result got = CheckUpdateParser.parse(Fixtures.text("dnf/" + DIR + sample));
        assertThat(tuples(got.updates())).containsExactly(
                "bash.x86_64 5.2.32-1.fc41 updates", "grub2-tools.x86_64 1:2.12-10.fc41 updates",
                "python3.13.x86_64 3.13.1-2.fc41 updates", "qemu-img.x86_64 2:9.1.2-1.fc41 updates");
        assertThat(tuples(got.updates())).containsExactlyElementsOf(tuples(want.updates()));
        assertThat(got.notes()).containsExactlyElementsOf(want.notes());
    }

    @Test
    void aCutNameIsNeverAnId() throws Exception {
        CheckUpdateParser.Result r = CheckUpdateParser.parse(Fixtures.text("dnf/" + DIR + "reconstructed-dnf5-check-upgrade-cut-names.txt"));
        assertThat(r.updates()).extracting(u -> u.id).containsExactly("bash.x86_64", "grub2-tools.x86_64");
        assertThat(r.cutNames()).isEqualTo(2);
        assertThat(r.notes()).anyMatch(n -> n.contains("python3.13.x86\u2026")).anyMatch(n -> n.contains("qemu-img.x8..."));
        ScriptedRunner runner = new ScriptedRunner().answer("dnf check-update", 100,
                Fixtures.text("dnf/" + DIR + "reconstructed-dnf5-check-upgrade-cut-names.txt"));
        ScanReportDTO report = new DnfScanner(runner).scan(ScanContexts.with(java.util.Map.of(
                "advisories", "false", "installed-versions", "false")));
        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).startsWith("2 update(s) left out");
        assertThat(report.updates).extracting(u -> u.id).containsExactly("bash.x86_64", "grub2-tools.x86_64");
    }

    @Test
    void unreadableOutputIsAFailedScanNotAnException() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answer("dnf check-update", 100, "\u0000 this is not dnf\n");
        ScanReportDTO report = new DnfScanner(runner).scan(ScanContexts.with(java.util.Map.of()));
        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
    }

    @Test
    void cutsShufflesGarbageAndHugeInputParseOrAreRefused() {
        Random random = new Random(13);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String sample : List.of(DNF4, DNF5, DIR + "reconstructed-dnf5-check-upgrade-wrapped40.txt",
                    "reconstructed-dnf4-updateinfo-list.txt", "ci-dnf-stack-dnf5-advisory-list.txt")) {
                String text = Fixtures.text("dnf/" + sample);
                for (int end = 0; end <= text.length(); end += 5) {
                    total(text.substring(0, end));
                    total(text.substring(end));
                }
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                for (int round = 0; round < 30; round++) {
                    Collections.shuffle(lines, random);
                    total(String.join("\n", lines));
                }
            }
            for (String garbage : new String[] {null, "", "\n", "\u0000", "a.b", "a.b 1-1", "    a.b 1-1 r",
                "Obsoleting Packages\n    a.b 1-1 @System", "x".repeat(3_000_000), "a.b 1-1 r\n".repeat(300_000)}) {
                total(garbage);
            }
            assertThatThrownBy(() -> CheckUpdateParser.parse(" ".repeat(Text.MAX_CHARS + 1))).isInstanceOf(ScanException.class);
        });
    }

    private static void total(String text) {
        try {
            CheckUpdateParser.parse(text);
        } catch (ScanException refused) {
            // a valid answer
        }
        try {
            AdvisoryListParser.parse(text);
        } catch (ScanException refused) {
            // a valid answer
        }
    }

    private static List<String> tuples(List<PackageUpdateDTO> updates) {
        return updates.stream().map(u -> u.id + " " + u.availableVersion + " " + u.source).toList();
    }
}
