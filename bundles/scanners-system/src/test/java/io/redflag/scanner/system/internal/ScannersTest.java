// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import io.redflag.scanner.system.internal.HostProbe.SystemSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScannersTest {

    @Test
    void storageScanReportsCapturedFileSystems() {
        ScanReportDTO r = new StorageScanner(Captured.probe()).read(Captured.inOneMinute());

        assertThat(r.status).isEqualTo(ScanStatus.OK);
        assertThat(r.updates).as("readings are not updates").isEmpty();
        assertThat(r.readings).extracting(u -> u.id).containsExactly("/");
        assertThat(r.notes).anyMatch(n -> n.startsWith("/ (ext4 on /dev/vda): 252.0 GiB total"));
    }

    @Test
    void systemScanReportsCapturedMetrics() {
        ScanReportDTO r = new SystemScanner(Captured.probe()).read(Captured.inOneMinute());

        assertThat(r.status).isEqualTo(ScanStatus.OK);
        assertThat(r.readings).extracting(u -> u.id).contains("cpu.load", "memory.used", "os.kernel");
        assertThat(r.readings).allMatch(u -> "oshi".equals(u.source));
    }

    @Test
    void expiredDeadlineFailsWithoutProbing() {
        AtomicInteger probed = new AtomicInteger();
        HostProbe counting = new HostProbe() {
            @Override
            public List<FsUsage> fileSystems() {
                probed.incrementAndGet();
                return List.of();
            }

            @Override
            public SystemSnapshot system() {
                probed.incrementAndGet();
                return Captured.probe().system();
            }
        };
        Instant past = Instant.now().minusSeconds(1);

        ScanReportDTO storage = new StorageScanner(counting).read(Captured.context(past));
        ScanReportDTO system = new SystemScanner(counting).read(Captured.context(past));

        assertThat(storage.status).isEqualTo(ScanStatus.FAILED);
        assertThat(storage.message).contains("deadline");
        assertThat(system.status).isEqualTo(ScanStatus.FAILED);
        assertThat(probed).hasValue(0);
    }

    @Test
    void aBrokenProbeIsAFailedScanNotAnException() {
        HostProbe broken = new HostProbe() {
            @Override
            public List<FsUsage> fileSystems() {
                throw new UnsatisfiedLinkError("Unable to load library 'c'");
            }

            @Override
            public SystemSnapshot system() {
                throw new IllegalStateException("no /proc");
            }
        };

        ScanReportDTO storage = new StorageScanner(broken).read(Captured.inOneMinute());
        ScanReportDTO system = new SystemScanner(broken).read(Captured.inOneMinute());

        assertThat(storage.status).isEqualTo(ScanStatus.FAILED);
        assertThat(storage.message).contains("Unable to load library");
        assertThat(system.status).isEqualTo(ScanStatus.FAILED);
        assertThat(system.message).contains("no /proc");
    }
}
