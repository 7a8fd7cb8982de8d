// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.dnf.internal.AdvisoryListParser.AdvisoryRow;
import io.redflag.scanner.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdvisoryListParserTest {

    /** dnf5 outputs from dnf's own behave tests (ci-dnf-stack), checked against their hand-written JSON. */
    @ParameterizedTest
    @ValueSource(strings = {
        "ci-dnf-stack-dnf5-advisory-list",
        "ci-dnf-stack-dnf5-advisory-list-critical-custom-severity",
        "ci-dnf-stack-dnf5-updateinfo-list-empty-severity"})
    void dnf5ListMatchesExpectedJson(String fixture) throws ScanException, java.io.IOException {
        List<AdvisoryRow> rows = AdvisoryListParser.parse(Fixtures.text("dnf/" + fixture + ".txt"));

        JsonNode expected = new ObjectMapper().readTree(Fixtures.expectedFor("dnf/" + fixture + ".txt"));
        List<AdvisoryRow> wanted = new ArrayList<>();
        for (JsonNode a : expected.get("advisories")) {
            wanted.add(new AdvisoryRow(a.get("id").asText(), a.get("type").asText(),
                    a.get("severity").isNull() ? null : a.get("severity").asText(),
                    a.get("package").asText(), a.get("issued").asText()));
        }
        assertThat(rows).hasSize(expected.get("count").asInt());
        assertThat(rows).containsExactlyElementsOf(wanted);
    }

    @Test
    void dnf4ListSplitsTypeAndSeverityLabels() throws ScanException {
        List<AdvisoryRow> rows = AdvisoryListParser.parse(Fixtures.text("dnf/" + "reconstructed-dnf4-updateinfo-list.txt"));

        assertThat(rows).extracting(AdvisoryRow::id, AdvisoryRow::type, AdvisoryRow::severity, AdvisoryRow::nevra)
                .containsExactly(
                        tuple("FEDORA-2024-1e2d3c4b5a", "bugfix", null, "bash-5.2.26-3.fc40.x86_64"),
                        tuple("FEDORA-2024-7a8b9c0d1e", "security", "Moderate", "glibc-2.39-13.fc40.i686"),
                        tuple("FEDORA-2024-7a8b9c0d1e", "security", "Moderate", "glibc-2.39-13.fc40.x86_64"),
                        tuple("FEDORA-2024-0f3b2b1a5c", "security", "Important", "kernel-6.8.9-300.fc40.x86_64"),
                        tuple("FEDORA-2024-0f3b2b1a5c", "security", "Important",
                                "kernel-core-6.8.9-300.fc40.x86_64"),
                        tuple("FEDORA-2024-c3c3c3c3c3", "security", "Critical", "qemu-img-2:8.2.2-1.fc40.x86_64"),
                        tuple("FEDORA-2024-d4d4d4d4d4", "security", null, "qemu-img-2:8.2.2-1.fc40.x86_64"),
                        tuple("FEDORA-2024-e5e5e5e5e5", "enhancement", null,
                                "texlive-collection-latexrecommended-9:svn54074-64.fc40.noarch"));
        assertThat(rows).extracting(AdvisoryRow::issued).containsOnlyNulls();
    }

    @Test
    void dnf4WithCveListsCveIdsInTheIdColumn() throws ScanException {
        List<AdvisoryRow> rows = AdvisoryListParser.parse(
                Fixtures.text("dnf/" + "reconstructed-dnf4-updateinfo-list-with-cve.txt"));

        assertThat(rows).extracting(AdvisoryRow::id).containsExactly("CVE-2024-2961", "CVE-2024-33599",
                "CVE-2024-2961", "CVE-2024-33599", "CVE-2024-26925", "CVE-2024-26925", "CVE-2024-3446");
        assertThat(rows.get(6).severity()).isEqualTo("Critical");
    }

    @Test
    void dnf5WithCveHasACveHeader() throws ScanException {
        List<AdvisoryRow> rows = AdvisoryListParser.parse(
                Fixtures.text("dnf/" + "reconstructed-dnf5-advisory-list-with-cve.txt"));

        assertThat(rows).extracting(AdvisoryRow::id, AdvisoryRow::severity, AdvisoryRow::nevra, AdvisoryRow::issued)
                .containsExactly(
                        tuple("CVE-2024-2961", "Moderate", "glibc-2.40-9.fc41.x86_64", "2024-10-25 01:12:48"),
                        tuple("CVE-2024-33599", "Moderate", "glibc-2.40-9.fc41.x86_64", "2024-10-25 01:12:48"),
                        tuple("CVE-2024-3446", "Critical", "qemu-img-2:9.1.2-1.fc41.x86_64", "2024-11-30 02:01:17"));
    }

    @Test
    void dnf4VerboseRowsCarryTheUpdateTime() throws ScanException {
        List<AdvisoryRow> rows = AdvisoryListParser.parse(
                "FEDORA-2024-1 Low/Sec. zlib-1.3.1-1.fc40.x86_64 2024-05-01 10:00:00\n");
        assertThat(rows).containsExactly(new AdvisoryRow("FEDORA-2024-1", "security", "Low",
                "zlib-1.3.1-1.fc40.x86_64", "2024-05-01 10:00:00"));
    }

    @Test
    void emptyListsAreValid() throws ScanException {
        assertThat(AdvisoryListParser.parse("")).isEmpty();
        assertThat(AdvisoryListParser.parse("Name Type Severity Package Issued\n")).isEmpty();
    }

    @Test
    void rejectsSomethingElse() {
        assertThatThrownBy(() -> AdvisoryListParser.parse("usage: dnf updateinfo [-h]\n"))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("not dnf updateinfo output");
    }
}
