// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample plug-ins' logic, kept out of their components: {@code toy list} prints {@code NAME INSTALLED AVAILABLE}
 * lines. Each sample bundle (built by {@code SamplePlugins}) holds this package and one of its own, whose
 * components differ only in what the suite must catch.
 */
public final class ToyTool {

    private ToyTool() {}

    public static List<PackageUpdateDTO> parse(String output) throws ScanException {
        List<PackageUpdateDTO> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.isBlank()) {
                continue;
            }
            if (f.length != 3) {
                throw new ScanException("not a toy list line: " + line);
            }
            PackageUpdateDTO u = new PackageUpdateDTO();
            u.id = f[0];
            u.name = f[0];
            u.installedVersion = f[1];
            u.availableVersion = f[2];
            out.add(u);
        }
        return out;
    }

    public static ScanReportDTO scan(CommandRunner runner, ScanContext ctx) throws ScanException {
        CommandResult r = runner.run(ctx.deadline(), List.of("toy", "list"), Map.of());
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("toy");
        }
        return r.exitCode == 0 ? ScanReportDTO.of(parse(r.stdout)) : ScanReportDTO.failed("toy list exited " + r.exitCode);
    }

    public static TransactionPlanDTO dryRun(List<String> packages) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.requested.addAll(packages);
        return plan;
    }

    public static InstallResultDTO install() {
        return new InstallResultDTO();
    }
}
