// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanResultsTest {

    @Test
    void theCapturedReportIsARealAptScan() {
        ScanReportDTO r = ScanResults.captured();
        assertThat(r.status).isEqualTo(ScanStatus.OK);
        assertThat(r.updates).hasSize(106);
        PackageUpdateDTO base = r.updates.stream().filter(u -> u.id.equals("base-files")).findFirst().orElseThrow();
        assertThat(base.installedVersion).startsWith("12.");
        assertThat(base.architecture).isEqualTo("amd64");
    }

    @Test
    void aLargerReportAddsForeignArchitecturesAsDpkgNamesThem() {
        ScanReportDTO r = ScanResults.withUpdates(150);
        assertThat(r.updates).hasSize(150);
        List<String> ids = r.updates.stream().map(u -> u.id).toList();
        assertThat(ids).doesNotHaveDuplicates().contains("base-files", "base-files:i386");
        PackageUpdateDTO foreign = r.updates.get(106);
        assertThat(foreign.id).isEqualTo(r.updates.get(0).id + ":i386");
        assertThat(foreign.architecture).isEqualTo("i386");
        assertThat(foreign.availableVersion).isEqualTo(r.updates.get(0).availableVersion);
        assertThat(ScanResults.withUpdates(848).updates).hasSize(848);
        assertThat(ScanResults.withUpdates(10).updates).hasSize(10);
        assertThatThrownBy(() -> ScanResults.withUpdates(849)).hasMessage("updates per result must be 0 to 848, not 849");
    }
}
