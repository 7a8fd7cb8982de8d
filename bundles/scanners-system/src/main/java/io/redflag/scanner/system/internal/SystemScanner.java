// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reports CPU load, memory, swap, uptime and OS version, read through oshi. There is nothing to
 * plan or install: {@link #dryRun} returns an empty plan and {@link #install} refuses.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = SystemDescriptor.ECOSYSTEM, os = {"linux", "windows", "darwin"})
public final class SystemScanner implements PackageScanner {

    /** The source named in records read on the host. */
    static final String OSHI = "oshi";

    private final HostProbe probe;

    /**
     * The runner is never used: oshi reads the host in-process. The reference is there because only
     * the agent offers a {@link CommandRunner}, so it keeps this component inactive on the server.
     */
    @Activate
    public SystemScanner(@Reference(name = "runner") CommandRunner runner) {
        this(new OshiHostProbe());
    }

    SystemScanner(HostProbe probe) {
        this.probe = probe;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) {
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

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) {
        return Metrics.emptyPlan(packages);
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) {
        return Metrics.nothingToInstall();
    }
}
