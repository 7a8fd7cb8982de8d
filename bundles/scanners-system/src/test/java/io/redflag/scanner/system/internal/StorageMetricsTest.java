// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import io.redflag.scanner.system.internal.Metrics.Assessment;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageMetricsTest {

    private static final long GIB = 1L << 30;

    @Test
    void mapsCapturedOshiFileSystemToOneRecord() {
        Assessment a = StorageMetrics.assess(Captured.probe().fileSystems());

        assertThat(a.readings()).hasSize(1);
        ReadingDTO root = a.readings().get(0);
        assertThat(root.id).isEqualTo("/");
        assertThat(root.name).isEqualTo("/");
        // used 24954523648 of used + usable 108944293888 = 22.9 %, shown rounded up as df does
        assertThat(root.value).isEqualTo(23.0);
        assertThat(root.unit).isEqualTo("%");
        assertThat(root.text).isNull();
        assertThat(root.detail).isEqualTo("78.2 GiB usable of 252.0 GiB");
        assertThat(root.source).isEqualTo("/dev/vda (ext4)");
        assertThat(root.severity).isEqualTo(Severity.LOW);
        assertThat(a.notes()).containsExactly("/ (ext4 on /dev/vda): 252.0 GiB total, 23.2 GiB used, 78.2 GiB usable");
    }

    @Test
    void capturedDfOutputKeepsRootAndSkipsPseudoFileSystems() throws Exception {
        Assessment a = StorageMetrics.assess(DfParser.parse(Captured.text("df-P-k.txt")));

        assertThat(a.readings()).extracting(u -> u.id).containsExactly("/");
        // the same number df itself printed in its Capacity column
        assertThat(a.readings().get(0).value).isEqualTo(23.0);
        assertThat(a.readings().get(0).detail).startsWith("78.3 GiB usable of");
        assertThat(a.readings().get(0).source).as("df -P names no type").isEqualTo("/dev/vda");
        assertThat(a.notes()).last().isEqualTo(
                "skipped pseudo file systems: /dev (devtmpfs), /dev/shm (tmpfs), /sys/fs/cgroup (tmpfs)");
    }

    @Test
    void severityFollowsTheUsableShare() {
        assertThat(StorageMetrics.severity(0.0)).isEqualTo(Severity.CRITICAL);
        assertThat(StorageMetrics.severity(0.0499)).isEqualTo(Severity.CRITICAL);
        assertThat(StorageMetrics.severity(0.05)).isEqualTo(Severity.IMPORTANT);
        assertThat(StorageMetrics.severity(0.0999)).isEqualTo(Severity.IMPORTANT);
        assertThat(StorageMetrics.severity(0.10)).isEqualTo(Severity.MODERATE);
        assertThat(StorageMetrics.severity(0.1999)).isEqualTo(Severity.MODERATE);
        assertThat(StorageMetrics.severity(0.20)).isEqualTo(Severity.LOW);
    }

    @Test
    void nearlyFullDiskIsCriticalAndShowsItsUsedPercent() {
        // ext4 with a 1 GiB root reserve: 95 GiB used, 5 GiB free of which 4 GiB usable; 95 / 99 = 95.96 %
        FsUsage fs = new FsUsage("/var", "ext4", "/dev/sda3", 100 * GIB, 5 * GIB, 4 * GIB);
        Assessment a = StorageMetrics.assess(List.of(fs));

        assertThat(a.readings().get(0).value).isEqualTo(96.0);
        assertThat(a.readings().get(0).severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void skipsPseudoAndEmptyFileSystemsButKeepsAContainerOverlay() {
        List<FsUsage> fs = List.of(
                new FsUsage("/", "overlay", "overlay", 50 * GIB, 45 * GIB, 44 * GIB),
                new FsUsage("/merged", "overlay", "overlay", 0, 0, 0),
                new FsUsage("/snap/core22/1380", "squashfs", "/dev/loop0", 77 * GIB / 1024, 0, 0),
                new FsUsage("/run", "tmpfs", "tmpfs", GIB, GIB, GIB),
                new FsUsage("/snap/lxd/1", null, "/dev/loop3", GIB, 0, 0),
                new FsUsage("C:\\", "NTFS", "\\\\?\\Volume{1}\\", 200 * GIB, 15 * GIB, 15 * GIB));

        Assessment a = StorageMetrics.assess(fs);

        assertThat(a.readings()).extracting(u -> u.id).containsExactly("/", "C:\\");
        assertThat(a.readings()).extracting(u -> u.severity).containsExactly(Severity.LOW, Severity.IMPORTANT);
        assertThat(a.notes()).last().asString()
                .contains("/merged (overlay)", "/snap/core22/1380 (squashfs)", "/run (tmpfs)", "/snap/lxd/1 (/dev/loop3)");
    }

    @Test
    void reportsAMountPointListedTwiceOnce() {
        FsUsage fs = new FsUsage("/data", "xfs", "/dev/sdb", 10 * GIB, 5 * GIB, 5 * GIB);

        assertThat(StorageMetrics.assess(List.of(fs, fs)).readings()).hasSize(1);
    }
}
