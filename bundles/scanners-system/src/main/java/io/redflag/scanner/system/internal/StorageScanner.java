// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.HostReadings;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Reports the usage of every local file system, read through oshi. Readings only:
 * there is nothing to plan or install.
 */
@Component(service = HostReadings.class)
@ScannerType(ecosystem = StorageDescriptor.ECOSYSTEM)
@AgentOnly
public final class StorageScanner implements HostReadings {

    private final HostProbe probe;

    /** oshi reads the host in-process: no process runner is needed. */
    @Activate
    public StorageScanner() {
        this(new OshiHostProbe());
    }

    StorageScanner(HostProbe probe) {
        this.probe = probe;
    }

    @Override
    public ScanReportDTO read(ScanContext ctx) {
        if (Metrics.expired(ctx.deadline())) {
            return ScanReportDTO.failed("the deadline passed before the file systems were read");
        }
        try {
            return StorageMetrics.assess(probe.fileSystems()).report();
        } catch (RuntimeException | LinkageError e) {
            // oshi's native access (JNA) failing is a broken probe on this host, not a crash of the agent
            return ScanReportDTO.failed("oshi could not list the file systems: " + e);
        }
    }
}
