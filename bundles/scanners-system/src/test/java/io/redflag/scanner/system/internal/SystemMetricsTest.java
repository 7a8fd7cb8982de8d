// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.PackageUpdateDTO;
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

        assertThat(a.updates()).extracting(u -> u.id)
                .containsExactly("cpu.load", "memory.used", "swap.used", "uptime", "os.version", "os.kernel");
        Map<String, PackageUpdateDTO> byId = a.updates().stream()
                .collect(Collectors.toMap(u -> u.id, Function.identity()));
        // 1.708984375 over 2 logical CPUs
        assertThat(byId.get("cpu.load").installedVersion).isEqualTo("0.85");
        assertThat(byId.get("cpu.load").availableVersion).isEqualTo("1.71 over 2 logical CPUs");
        assertThat(byId.get("cpu.load").severity).isEqualTo(Severity.LOW);
        // (25276502016 - 24688082944) / 25276502016 = 2.3 %
        assertThat(byId.get("memory.used").installedVersion).isEqualTo("3%");
        assertThat(byId.get("memory.used").availableVersion).isEqualTo("24688082944");
        assertThat(byId.get("swap.used").installedVersion).isEqualTo("0%");
        assertThat(byId.get("uptime").installedVersion).isEqualTo("2960");
        assertThat(byId.get("uptime").availableVersion).isEqualTo("0 days 00:49:20");
        assertThat(byId.get("os.version").installedVersion).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(byId.get("os.kernel").installedVersion).isEqualTo("6.18.44-fc-v669");
        assertThat(a.updates()).allSatisfy(u -> {
            assertThat(u.name).isEqualTo(u.id);
            assertThat(u.source).isEqualTo("oshi");
            assertThat(u.rebootRequired).isFalse();
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

        assertThat(a.updates().get(0).installedVersion).isEqualTo("98%");
        assertThat(a.updates().get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(a.updates().get(1).installedVersion).isEqualTo("95%");
        assertThat(a.updates().get(1).availableVersion).isEqualTo("400");
        assertThat(a.updates().get(1).severity).isEqualTo(Severity.IMPORTANT);
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

        assertThat(a.updates()).extracting(u -> u.id).doesNotContain("cpu.load").contains("memory.used");
        assertThat(a.notes()).contains("the 1-minute load average is not available on this OS");
        assertThat(a.updates()).filteredOn(u -> u.id.equals("uptime")).extracting(u -> u.availableVersion)
                .containsExactly("1 day 01:01:01");
    }
}
