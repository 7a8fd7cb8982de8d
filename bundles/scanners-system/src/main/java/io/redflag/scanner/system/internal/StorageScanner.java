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
 * Reports the usage of every local file system, read through oshi. There is nothing to plan or
 * install: {@link #dryRun} returns an empty plan and {@link #install} refuses.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = StorageDescriptor.ECOSYSTEM, os = {"linux", "windows", "darwin"})
public final class StorageScanner implements PackageScanner {

    private final HostProbe probe;

    /**
     * The runner is never used: oshi reads the host in-process. The reference is there because only
     * the agent offers a {@link CommandRunner}, so it keeps this component inactive on the server,
     * where "the server's disks" would be reported as if they were a managed host's.
     */
    @Activate
    public StorageScanner(@Reference(name = "runner") CommandRunner runner) {
        this(new OshiHostProbe());
    }

    StorageScanner(HostProbe probe) {
        this.probe = probe;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) {
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

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) {
        return Metrics.emptyPlan(packages);
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) {
        return Metrics.nothingToInstall();
    }
}
