// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.HostReadings;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads the host with {@code meter}, within the context's deadline. */
public class ToyMeter implements HostReadings {

    static final String LISTING = "disk.used 41.5 %\nmemory.used 93.0 %\nload.1m 0.42 tasks\n";

    private final CommandRunner runner;
    private final ToyMeterDescriptor descriptor;

    public ToyMeter(CommandRunner runner, ToyMeterDescriptor descriptor) {
        this.runner = runner;
        this.descriptor = descriptor;
    }

    @Override
    public ScanReportDTO read(ScanContext ctx) throws ScanException {
        if (!Instant.now().isBefore(ctx.deadline())) {
            return ScanReportDTO.failed("the read's deadline had passed before it began");
        }
        CommandResult r = runner.run(ctx.deadline(), List.of("meter"), Map.of());
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("meter");
        }
        return ScanReportDTO.ofReadings(descriptor.parseReadings(r.stdout));
    }
}
