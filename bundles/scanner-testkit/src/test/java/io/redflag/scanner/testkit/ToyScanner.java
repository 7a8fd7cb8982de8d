// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.ArrayList;
import java.util.List;

/** The toy plug-in's scanner: runs "toy list", "toy upgrade --dry-run …" and "toy upgrade …" through the runner. */
public class ToyScanner implements PackageScanner {

    private final CommandRunner runner;
    private final ToyDescriptor descriptor = new ToyDescriptor();

    public ToyScanner(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        CommandResult r = runner.run(ctx.deadline(), "toy", "list");
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("toy");
        }
        if (r.timedOut || r.exitCode != 0) {
            return ScanReportDTO.failed(r.timedOut ? "toy list ran out of time" : "toy list exited " + r.exitCode);
        }
        return ScanReportDTO.of(descriptor.parseScanOutput(r.stdout));
    }

    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        List<String> command = new ArrayList<>(List.of("toy", "upgrade", "--dry-run"));
        command.addAll(packages);
        CommandResult r = runner.run(ctx.deadline(), command, java.util.Map.of());
        if (r.exitCode != 0) {
            throw new ScanException("toy upgrade --dry-run exited " + r.exitCode);
        }
        return descriptor.parseDryRunOutput(r.stdout);
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        List<String> command = new ArrayList<>(List.of("toy", "upgrade"));
        command.addAll(packages);
        CommandResult r = runner.run(ctx.deadline(), command, java.util.Map.of());
        InstallResultDTO out = new InstallResultDTO();
        out.success = r.exitCode == 0;
        out.exitCode = r.exitCode;
        return out;
    }
}
