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
 * Reports CPU load, memory, swap, uptime and OS version, read through oshi. Readings only:
 * there is nothing to plan or install.
 */
@Component(service = HostReadings.class)
@ScannerType(ecosystem = SystemDescriptor.ECOSYSTEM)
@AgentOnly
public final class SystemScanner implements HostReadings {

    /** The source named in records read on the host. */
    static final String OSHI = "oshi";

    private final HostProbe probe;

    /** oshi reads the host in-process: no process runner is needed. */
    @Activate
    public SystemScanner() {
        this(new OshiHostProbe());
    }

    SystemScanner(HostProbe probe) {
        this.probe = probe;
    }

    @Override
    public ScanReportDTO read(ScanContext ctx) {
        if (Metrics.expired(ctx.deadline())) {
            return ScanReportDTO.failed("the deadline passed before the system metrics were read");
        }
        try {
            return SystemMetrics.assess(probe.system(), OSHI).report();
        } catch (RuntimeException | LinkageError e) {
            // oshi's native access (JNA) failing is a broken probe on this host, not a crash of the agent
            return ScanReportDTO.failed("oshi could not read the system metrics: " + e);
        }
    }
}
