// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.system.internal.HostProbe.MemUsage;
import io.redflag.scanner.system.internal.HostProbe.SystemSnapshot;
import io.redflag.scanner.system.internal.Metrics.Assessment;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SystemMetricsTest {

    @Test
    void mapsCapturedSnapshotToOneRecordPerMetric() {
        Assessment a = SystemMetrics.assess(Captured.probe().system(), "oshi");

        assertThat(a.readings()).extracting(u -> u.id)
                .containsExactly("cpu.load", "memory.used", "swap.used", "uptime", "os.version", "os.kernel");
        Map<String, ReadingDTO> byId = a.readings().stream()
                .collect(Collectors.toMap(u -> u.id, Function.identity()));
        // 1.708984375 over 2 logical CPUs
        assertThat(byId.get("cpu.load").value).isEqualTo(0.85);
        assertThat(byId.get("cpu.load").unit).isEqualTo("load/cpu");
        assertThat(byId.get("cpu.load").detail).isEqualTo("1.71 over 2 logical CPUs");
        assertThat(byId.get("cpu.load").severity).isEqualTo(Severity.LOW);
        // (25276502016 - 24688082944) / 25276502016 = 2.3 %
        assertThat(byId.get("memory.used").value).isEqualTo(3.0);
        assertThat(byId.get("memory.used").unit).isEqualTo("%");
        assertThat(byId.get("memory.used").detail).isEqualTo("23.0 GiB available of 23.5 GiB");
        assertThat(byId.get("swap.used").value).isEqualTo(0.0);
        assertThat(byId.get("uptime").value).isEqualTo(2960.0);
        assertThat(byId.get("uptime").unit).isEqualTo("s");
        assertThat(byId.get("uptime").detail).isEqualTo("0 days 00:49:20");
        assertThat(byId.get("os.version").text).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(byId.get("os.version").value).isNull();
        assertThat(byId.get("os.kernel").text).isEqualTo("6.18.44-fc-v669");
        assertThat(a.readings()).allSatisfy(u -> {
            assertThat(u.name).isEqualTo(u.id);
            assertThat(u.source).isEqualTo("oshi");
        });
        assertThat(a.notes()).contains("no swap space is configured");
    }

    @Test
    void memoryThresholdsFromTheIssue() {
        assertThat(SystemMetrics.memorySeverity(0.9501)).isEqualTo(Severity.CRITICAL);
        assertThat(SystemMetrics.memorySeverity(0.95)).isEqualTo(Severity.IMPORTANT);
        assertThat(SystemMetrics.memorySeverity(0.9001)).isEqualTo(Severity.IMPORTANT);
        assertThat(SystemMetrics.memorySeverity(0.90)).isEqualTo(Severity.LOW);
    }

    @Test
    void nearlyExhaustedMemoryIsCritical() {
        MemUsage m = new MemUsage(16_000, 400, 8_000, 7_600);

        Assessment a = SystemMetrics.memory(m, "test");

        assertThat(a.readings().get(0).value).isEqualTo(98.0);
        assertThat(a.readings().get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(a.readings().get(1).value).isEqualTo(95.0);
        assertThat(a.readings().get(1).detail).isEqualTo("400 B free of 7.8 KiB");
        assertThat(a.readings().get(1).severity).isEqualTo(Severity.IMPORTANT);
    }

    @Test
    void swapAndLoadThresholds() {
        assertThat(SystemMetrics.swapSeverity(0.91)).isEqualTo(Severity.IMPORTANT);
        assertThat(SystemMetrics.swapSeverity(0.51)).isEqualTo(Severity.MODERATE);
        assertThat(SystemMetrics.swapSeverity(0.50)).isEqualTo(Severity.LOW);
        assertThat(SystemMetrics.loadSeverity(2.0)).isEqualTo(Severity.IMPORTANT);
        assertThat(SystemMetrics.loadSeverity(1.0)).isEqualTo(Severity.MODERATE);
        assertThat(SystemMetrics.loadSeverity(0.99)).isEqualTo(Severity.LOW);
    }

    @Test
    void leavesOutLoadWhereTheOsHasNone() {
        SystemSnapshot windows = new SystemSnapshot(new MemUsage(8L << 30, 4L << 30, 1L << 30, 0), -1.0, 8,
                90_061, "Windows 11", "22631");

        Assessment a = SystemMetrics.assess(windows, "oshi");

        assertThat(a.readings()).extracting(u -> u.id).doesNotContain("cpu.load").contains("memory.used");
        assertThat(a.notes()).contains("the 1-minute load average is not available on this OS");
        assertThat(a.readings()).filteredOn(u -> u.id.equals("uptime")).extracting(u -> u.detail)
                .containsExactly("1 day 01:01:01");
    }
}
