// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import io.redflag.scanner.system.internal.HostProbe.SystemSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real OS boundary: oshi (through JNA and /proc) on the machine running the build. Only
 * invariants that hold on any sane host are asserted, never this machine's numbers.
 */
class OshiHostProbeTest {

    private final OshiHostProbe probe = new OshiHostProbe();

    @Test
    void listsAtLeastOneRealFileSystem() {
        List<FsUsage> fs = probe.fileSystems();

        assertThat(fs).anySatisfy(f -> {
            assertThat(f.total()).isPositive();
            assertThat(f.mount()).isNotBlank();
            assertThat(f.type()).isNotBlank();
        });
        assertThat(fs).allSatisfy(f -> {
            assertThat(f.usable()).isBetween(0L, Math.max(0, f.total()));
            assertThat(f.free()).isGreaterThanOrEqualTo(f.usable());
        });
        assertThat(StorageMetrics.assess(fs).readings()).isNotEmpty();
    }

    @Test
    void readsMemoryCpusUptimeAndOs() {
        SystemSnapshot s = probe.system();

        assertThat(s.memory().total()).isPositive();
        assertThat(s.memory().available()).isBetween(0L, s.memory().total());
        assertThat(s.memory().swapUsed()).isBetween(0L, Math.max(0, s.memory().swapTotal()));
        assertThat(s.logicalCpus()).isPositive();
        assertThat(s.uptimeSeconds()).isPositive();
        assertThat(s.osVersion()).isNotBlank();
        assertThat(s.kernel()).isNotBlank();
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(s.loadAverage1m()).isNotNegative();
            // on Linux oshi's build number is the kernel release, which the JVM knows as os.version
            assertThat(s.kernel()).isEqualTo(System.getProperty("os.version"));
        }
    }
}
