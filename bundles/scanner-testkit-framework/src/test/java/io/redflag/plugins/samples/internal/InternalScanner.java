// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.internal;

import io.redflag.plugins.samples.ToyTool;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Runs {@code toy list} through the platform's runner. */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = "internal")
@AgentOnly
public final class InternalScanner implements PackageScanner {

    private final CommandRunner runner;

    @Activate
    public InternalScanner(@Reference CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        return ToyTool.scan(runner, ctx);
    }

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) {
        return ToyTool.dryRun(packages);
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) {
        return ToyTool.install();
    }
}
