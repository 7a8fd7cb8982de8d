// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import java.util.List;

/**
 * The only place where this bundle looks at the host. {@link OshiHostProbe} answers with oshi;
 * tests answer with numbers captured on a real machine, so the threshold logic is tested without
 * depending on the state of the build machine.
 */
interface HostProbe {

    /** Local file systems as the OS lists them, pseudo ones included (filtering is not the probe's job). */
    List<FsUsage> fileSystems();

    /** Memory, load, uptime and OS version, read together. */
    SystemSnapshot system();

    /**
     * One mounted file system, sizes in bytes.
     *
     * @param type the file-system type ("ext4", "NTFS"), or null when the source does not say (df -P)
     * @param volume the device or volume ("/dev/vda", "\\?\Volume{…}\")
     * @param free free bytes, including blocks reserved for the superuser
     * @param usable bytes an unprivileged user can still write
     */
    record FsUsage(String mount, String type, String volume, long total, long free, long usable) {

        /** Bytes in use, as df's "Used" column counts them. */
        long used() {
            return Math.max(0, total - free);
        }
    }

    /**
     * Physical memory and swap, in bytes.
     *
     * @param available what can be given to new programs without swapping (MemAvailable on Linux)
     */
    record MemUsage(long total, long available, long swapTotal, long swapUsed) {}

    /**
     * @param loadAverage1m the 1-minute load average, negative when the OS has none (Windows)
     * @param osVersion the OS name and version ("Debian GNU/Linux 12 (bookworm)")
     * @param kernel the kernel release on Linux, the OS build number elsewhere
     */
    record SystemSnapshot(MemUsage memory, double loadAverage1m, int logicalCpus, long uptimeSeconds,
            String osVersion, String kernel) {}
}
