// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.version.VersionOrderings;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorsTest {

    private final StorageDescriptor storage = new StorageDescriptor();
    private final SystemDescriptor system = new SystemDescriptor();

    @Test
    void orderMeasurementsNumerically() {
        assertThat(storage.versionOrdering()).isSameAs(VersionOrderings.AGENT);
        assertThat(system.versionOrdering()).isSameAs(VersionOrderings.AGENT);
        // byte counts, the one value that is ever compared, order numerically
        assertThat(storage.versionOrdering().compare("9663676416", "83989770240")).isNegative();
        assertThat(storage.defaultConfiguration()).isEmpty();
    }

    @Test
    void storageParsesCapturedDfOutput() throws Exception {
        List<ReadingDTO> readings = storage.parseReadings(Captured.text("df-P-k.txt"));

        assertThat(readings).extracting(u -> u.id, u -> u.value, u -> u.unit, u -> u.source, u -> u.severity)
                .containsExactly(tuple("/", 23.0, "%", "/dev/vda", Severity.LOW));
        assertThat(storage.parseScanOutput(Captured.text("df-P-k.txt"))).as("readings are not updates").isEmpty();
    }

    @Test
    void systemParsesCapturedMeminfo() throws Exception {
        List<ReadingDTO> readings = system.parseReadings(Captured.text("proc-meminfo.txt"));

        // (24684084 - 24060500) / 24684084 = 2.5 %
        assertThat(readings).extracting(u -> u.id, u -> u.value, u -> u.source)
                .containsExactly(tuple("memory.used", 3.0, "/proc/meminfo"),
                        tuple("swap.used", 0.0, "/proc/meminfo"));
    }

    @Test
    void parsersRefuseEachOthersInput() {
        assertThatThrownBy(() -> storage.parseScanOutput(Captured.text("proc-meminfo.txt")))
                .isInstanceOf(ScanException.class);
        assertThatThrownBy(() -> system.parseScanOutput(Captured.text("df-P-k.txt")))
                .isInstanceOf(ScanException.class);
    }

    @Test
    void neitherHasADryRun() {
        assertThatThrownBy(() -> storage.parseDryRunOutput("anything"))
                .isInstanceOf(ScanException.class).hasMessageContaining("no dry run");
        assertThatThrownBy(() -> system.parseDryRunOutput(""))
                .isInstanceOf(ScanException.class).hasMessageContaining("no dry run");
    }
}
