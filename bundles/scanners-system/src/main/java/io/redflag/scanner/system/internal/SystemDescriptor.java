// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.propertytypes.SubsystemType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Describes the "system" ecosystem: CPU load, memory, swap, uptime and OS version, one record per metric. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = SystemDescriptor.ECOSYSTEM, displayName = "System metrics (CPU, memory, uptime, OS)", os = {"linux", "windows", "darwin"},
        defaultIntervalSeconds = 5 * 60, kind = SubsystemKind.METRICS)
public final class SystemDescriptor extends MetricsDescriptor {

    /** The ecosystem id, shared with {@link SystemScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "system";

    /** The source named in records parsed from text. */
    static final String MEMINFO = "/proc/meminfo";

    /**
     * Parses the content of Linux's {@code /proc/meminfo} into the memory.used and swap.used readings;
     * the other metrics are not in that file.
     */
    @Override
    public List<ReadingDTO> parseReadings(String output) throws ScanException {
        return SystemMetrics.memory(MeminfoParser.parse(output), MEMINFO).readings();
    }
}
