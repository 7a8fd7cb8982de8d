// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultHelpersTest {

    @Test
    void excerptKeepsHeadAndMostlyTailOfLongOutput() {
        String out = "START" + "x".repeat(200_000) + "E: the real error";
        String cut = InstallResultDTO.excerpt(out);
        assertThat(cut.length()).isBetween(InstallResultDTO.MAX_OUTPUT, InstallResultDTO.MAX_OUTPUT + 80);
        assertThat(cut).startsWith("START").endsWith("E: the real error").contains("characters left out");
        assertThat(InstallResultDTO.excerpt("short")).isEqualTo("short");
        assertThat(InstallResultDTO.excerpt(null)).isNull();
    }

    @Test
    void failedAndToolMissingReportsSayWhy() {
        assertThat(ScanReportDTO.failed("apt exited 100").status).isEqualTo(ScanStatus.FAILED);
        assertThat(ScanReportDTO.failed("apt exited 100").message).isEqualTo("apt exited 100");
        assertThat(ScanReportDTO.toolMissing("dnf").status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(ScanReportDTO.toolMissing("dnf").message).contains("dnf");
    }

    @Test
    void planHashIgnoresOrderButNotContent() {
        TransactionPlanDTO a = new TransactionPlanDTO();
        a.changes.add(PackageChangeDTO.of(ChangeAction.UPGRADE, "openssl", "3.0.14", "3.0.15"));
        a.changes.add(PackageChangeDTO.of(ChangeAction.INSTALL, "libfoo", null, "1.0"));
        TransactionPlanDTO b = new TransactionPlanDTO();
        b.changes.addAll(List.of(a.changes.get(1), a.changes.get(0)));
        b.notes.add("notes do not count");
        assertThat(TransactionPlans.hash(a)).isEqualTo(TransactionPlans.hash(b)).matches("[0-9a-f]{64}");
        b.changes.set(0, PackageChangeDTO.of(ChangeAction.INSTALL, "libfoo", null, "1.1"));
        assertThat(TransactionPlans.hash(b)).isNotEqualTo(TransactionPlans.hash(a));
    }
}
