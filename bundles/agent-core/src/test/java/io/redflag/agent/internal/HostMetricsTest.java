// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.protocol.HostMetricsDTO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMetricsTest {

    @TempDir
    Path dir;

    /** /proc/meminfo and the cpu line of /proc/stat as this Debian 12 machine printed them (trimmed). */
    private static final String MEMINFO = """
            MemTotal:        8130184 kB
            MemFree:          512644 kB
            MemAvailable:    5630412 kB
            Buffers:          133016 kB
            """;

    @Test
    void memoryUptimeCpuLoadAndTheRebootFlagComeFromProcAndThePackageManager() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("meminfo"), MEMINFO);
        Files.writeString(proc.resolve("uptime"), "351702.43 684510.92\n");
        Files.writeString(proc.resolve("stat"), "cpu  1000 0 500 8000 500 0 0 0 0 0\ncpu0 500 0 250 4000 250 0 0 0 0 0\n");
        Path run = Files.createDirectories(dir.resolve("run"));
        HostMetrics metrics = new HostMetrics(proc, run.resolve("reboot-required"), run.resolve("reboot-required.pkgs"));
        Instant t0 = Instant.parse("2026-11-30T20:00:00Z");

        HostMetricsDTO first = metrics.due(t0);
        assertThat(first.memoryTotalBytes).isEqualTo(8130184L * 1024);
        assertThat(first.memoryAvailableBytes).as("MemAvailable, not MemFree").isEqualTo(5630412L * 1024);
        assertThat(first.uptimeSeconds).isEqualTo(351702);
        assertThat(first.cpuLoad).as("one reading: no load yet").isNegative();
        assertThat(first.logicalCpus).isPositive();
        assertThat(first.disks).as("this machine's root file system").anySatisfy(d -> assertThat(d.mount).isEqualTo("/"));
        assertThat(first.disks).noneSatisfy(d -> assertThat(d.type).isIn("proc", "sysfs", "tmpfs", "overlay"));
        assertThat(first.takenAt).isEqualTo("2026-11-30T20:00:00Z");

        assertThat(metrics.due(t0.plusSeconds(60))).as("not due for five minutes").isNull();
        // 1,000 ticks later: 250 busy (user+system), 750 idle+iowait
        Files.writeString(proc.resolve("stat"), "cpu  1200 0 550 8700 550 0 0 0 0 0\n");
        Files.writeString(run.resolve("reboot-required"), "*** System restart required ***\n");
        Files.writeString(run.resolve("reboot-required.pkgs"), "linux-image-6.1.0-28-amd64\nlibc6\nlibc6\n");
        HostMetricsDTO second = metrics.due(t0.plus(HostMetrics.EVERY));
        assertThat(second.cpuLoad).isEqualTo(0.25);
        assertThat(second.rebootRequired).isTrue();
        assertThat(second.rebootReason).isEqualTo("packages: linux-image-6.1.0-28-amd64, libc6");
    }

    @Test
    void unreadableFiguresStayUnknownInsteadOfFailing() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("meminfo"), "garbage\nMemAvailable: lots kB\n");
        Files.writeString(proc.resolve("uptime"), "");
        Files.writeString(proc.resolve("stat"), "cpu  x y z\n");
        HostMetricsDTO m = new HostMetrics(proc, dir.resolve("nowhere/reboot-required"), dir.resolve("nowhere/pkgs"))
                .read(Instant.now());
        assertThat(m.uptimeSeconds).isEqualTo(-1);
        assertThat(m.cpuLoad).isNegative();
        assertThat(m.rebootRequired).as("no flag folder: this OS does not say").isNull();
        assertThat(HostMetrics.meminfoKb("MemAvailable: lots kB", "MemAvailable")).isEqualTo(-1);
        assertThat(HostMetrics.cpuTicks("intr 1 2 3")).isNull();
    }
}
