// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.system.internal.HostProbe.MemUsage;
import org.junit.jupiter.api.Test;

class MeminfoParserTest {

    @Test
    void readsCapturedMeminfo() throws Exception {
        MemUsage m = MeminfoParser.parse(Captured.text("proc-meminfo.txt"));

        assertThat(m.total()).isEqualTo(24684084L * 1024);
        assertThat(m.available()).isEqualTo(24060500L * 1024);
        assertThat(m.swapTotal()).isZero();
        assertThat(m.swapUsed()).isZero();
    }

    @Test
    void computesSwapUsedAndEstimatesAvailableOnOldKernels() throws Exception {
        MemUsage m = MeminfoParser.parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n"
                + "SwapTotal: 400 kB\nSwapFree: 100 kB\nHugePages_Total: 0\n");

        assertThat(m.available()).isEqualTo(400L * 1024);
        assertThat(m.swapTotal()).isEqualTo(400L * 1024);
        assertThat(m.swapUsed()).isEqualTo(300L * 1024);
    }

    @Test
    void refusesOtherText() {
        assertThatThrownBy(() -> MeminfoParser.parse(Captured.text("df-P-k.txt")))
                .isInstanceOf(ScanException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> MeminfoParser.parse("MemFree: 100 kB\n"))
                .isInstanceOf(ScanException.class).hasMessageContaining("MemTotal");
        assertThatThrownBy(() -> MeminfoParser.parse("")).isInstanceOf(ScanException.class);
    }
}
