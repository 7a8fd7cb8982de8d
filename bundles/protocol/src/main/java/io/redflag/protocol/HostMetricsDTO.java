// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * The host as the agent core sees it: CPU, memory, disks, uptime and whether it waits for a reboot. It rides on a
 * check-in every few minutes (not on every one); in between the server keeps the last one. A figure the agent could not
 * read is negative (numbers) or null.
 */
public class HostMetricsDTO extends DTO {
    /** When the figures were read, ISO-8601 UTC. */
    public String takenAt;
    /** Share of all CPUs busy since the previous reading, 0 to 1; negative before a second reading. */
    public double cpuLoad = -1;
    /** The 1-minute load average; negative where the OS has none (Windows). */
    public double loadAverage1m = -1;
    public int logicalCpus;
    public long memoryTotalBytes = -1;
    /** What new programs can get without swapping (Linux: MemAvailable). */
    public long memoryAvailableBytes = -1;
    public long swapTotalBytes = -1;
    public long swapUsedBytes = -1;
    public long uptimeSeconds = -1;
    /** True when the OS says a reboot is needed, false when it says none is, null when this OS does not say. */
    public Boolean rebootRequired;
    /** What asked for the reboot (packages, or the source of the flag); null when none or unknown. */
    public String rebootReason;
    /** Local file systems (network and pseudo file systems left out), largest first. */
    public List<DiskUsageDTO> disks = new ArrayList<>();
}
