// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.List;

/** What every sample scanner does; the variants' components differ only in their annotations. */
public abstract class ToyScannerBase implements PackageScanner {

    private final CommandRunner runner;

    protected ToyScannerBase(CommandRunner runner) {
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
