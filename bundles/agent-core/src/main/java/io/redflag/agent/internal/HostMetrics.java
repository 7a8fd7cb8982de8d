// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.DiskUsageDTO;
import io.redflag.protocol.HostMetricsDTO;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host's figures that ride on a check-in every {@link #EVERY}: read through the JDK (its operating-system bean) and,
 * on Linux, {@code /proc} and the package managers' reboot flags. Deliberately not through oshi: this runs for the
 * agent's whole life, and the JDK already knows these numbers without loading JNA into every agent (the metrics
 * plug-in, which reads far more, uses oshi when an operator enables it).
 */
final class HostMetrics {

    /** How often the figures are read and sent. */
    static final Duration EVERY = Duration.ofMinutes(5);
    /** File systems that hold no one's data: kernel interfaces, memory, containers' layers, snaps' squashfs images. */
    private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "securityfs", "cgroup",
            "cgroup2", "pstore", "bpf", "debugfs", "tracefs", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc",
            "overlay", "squashfs", "nsfs", "ramfs", "rpc_pipefs", "efivarfs", "selinuxfs", "fuse.lxcfs", "fuse.portal", "nfs",
            "nfs4", "cifs", "smb3", "sshfs", "fuse.sshfs", "9p", "ceph", "glusterfs");
    private static final Path REBOOT_REQUIRED = Path.of("/run/reboot-required");
    private static final Path REBOOT_REQUIRED_PKGS = Path.of("/run/reboot-required.pkgs");

    private final Path proc;
    private final Path rebootRequired;
    private final Path rebootRequiredPkgs;
    private Instant lastSent = Instant.MIN;
    /** The previous /proc/stat totals (busy, all), for the CPU load between two readings. */
    private long[] lastTicks;

    HostMetrics() {
        this(Path.of("/proc"), REBOOT_REQUIRED, REBOOT_REQUIRED_PKGS);
    }

    /** For tests: another /proc and other reboot flags. */
    HostMetrics(Path proc, Path rebootRequired, Path rebootRequiredPkgs) {
        this.proc = proc;
        this.rebootRequired = rebootRequired;
        this.rebootRequiredPkgs = rebootRequiredPkgs;
    }

    /** The figures when they are due (at the first check-in, then every {@link #EVERY}); null otherwise. */
    HostMetricsDTO due(Instant now) {
        if (now.isBefore(lastSent.plus(EVERY))) {
            return null;
        }
        lastSent = now;
        return read(now);
    }

    /** Reads everything now; a figure that cannot be read stays at its "unknown" value. */
    HostMetricsDTO read(Instant now) {
        HostMetricsDTO m = new HostMetricsDTO();
        m.takenAt = now.truncatedTo(ChronoUnit.SECONDS).toString();
        var os = ManagementFactory.getOperatingSystemMXBean();
        m.logicalCpus = os.getAvailableProcessors();
        m.loadAverage1m = os.getSystemLoadAverage() < 0 ? -1 : os.getSystemLoadAverage();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.memoryTotalBytes = sun.getTotalMemorySize();
            m.memoryAvailableBytes = sun.getFreeMemorySize();
            m.swapTotalBytes = sun.getTotalSwapSpaceSize();
            m.swapUsedBytes = Math.max(0, sun.getTotalSwapSpaceSize() - sun.getFreeSwapSpaceSize());
        }
        if (Files.isDirectory(proc)) {
            linux(m);
        }
        m.disks = disks();
        return m;
    }

    private void linux(HostMetricsDTO m) {
        String meminfo = text(proc.resolve("meminfo"));
        if (meminfo != null) {
            // MemAvailable counts the page cache the kernel would give back; "free" memory does not
            long available = meminfoKb(meminfo, "MemAvailable");
            if (available >= 0) {
                m.memoryAvailableBytes = available * 1024;
            }
            long total = meminfoKb(meminfo, "MemTotal");
            if (total >= 0) {
                m.memoryTotalBytes = total * 1024;
            }
        }
        String uptime = text(proc.resolve("uptime"));
        if (uptime != null && !uptime.isBlank()) {
            try {
                m.uptimeSeconds = (long) Double.parseDouble(uptime.trim().split("\\s+")[0]);
            } catch (NumberFormatException e) {
                // stays unknown
            }
        }
        long[] ticks = cpuTicks(text(proc.resolve("stat")));
        if (ticks != null) {
            if (lastTicks != null && ticks[1] > lastTicks[1]) {
                m.cpuLoad = Math.min(1, Math.max(0, (double) (ticks[0] - lastTicks[0]) / (ticks[1] - lastTicks[1])));
            }
            lastTicks = ticks;
        }
        if (Files.exists(rebootRequired)) {
            m.rebootRequired = true;
            String pkgs = text(rebootRequiredPkgs);
            m.rebootReason = pkgs == null || pkgs.isBlank() ? "the package manager asked for a reboot (" + rebootRequired + ")"
                    : "packages: " + String.join(", ", pkgs.strip().lines().distinct().limit(20).toList());
        } else if (Files.isDirectory(rebootRequired.getParent())) {
            m.rebootRequired = Files.exists(Path.of("/usr/bin/apt-get")) || Files.exists(Path.of("/usr/bin/dpkg")) ? false : null;
        }
    }

    /** A value of /proc/meminfo in kB; -1 when absent or unreadable. */
    static long meminfoKb(String meminfo, String key) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The busy and total ticks of the "cpu" line of /proc/stat (idle and iowait are not busy); null when unreadable. */
    static long[] cpuTicks(String stat) {
        if (stat == null) {
            return null;
        }
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).trim().split("\\s+");
                try {
                    long total = 0;
                    long idle = 0;
                    // user nice system idle iowait irq softirq steal (guest is already counted in user)
                    for (int i = 0; i < Math.min(f.length, 8); i++) {
                        long v = Long.parseLong(f[i]);
                        total += v;
                        if (i == 3 || i == 4) {
                            idle += v;
                        }
                    }
                    return new long[] {total - idle, total};
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Local file systems, largest first, one per device (bind mounts of the same file system are not counted twice). */
    static List<DiskUsageDTO> disks() {
        List<DiskUsageDTO> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FileStore store : FileSystems.getDefault().getFileStores()) {
            String type = store.type();
            if (type != null && PSEUDO.contains(type.toLowerCase(Locale.ROOT)) || !seen.add(store.name())) {
                continue;
            }
            try {
                long total = store.getTotalSpace();
                if (total <= 0) {
                    continue;
                }
                DiskUsageDTO d = new DiskUsageDTO();
                d.mount = mount(store);
                d.type = type;
                d.totalBytes = total;
                d.usableBytes = store.getUsableSpace();
                out.add(d);
            } catch (IOException | SecurityException e) {
                // a file system this user may not look at: left out
            }
            if (out.size() >= io.redflag.protocol.MessageRules.MAX_DISKS) {
                break;
            }
        }
        out.sort(Comparator.comparingLong((DiskUsageDTO d) -> d.totalBytes).reversed());
        return out;
    }

    /** Where a file store is mounted: its toString is "MOUNT (NAME)" on Unix and "LABEL (C:)" on Windows. */
    private static String mount(FileStore store) {
        String s = store.toString();
        int paren = s.lastIndexOf(" (");
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return paren >= 0 && s.endsWith(")") ? s.substring(paren + 2, s.length() - 1) + "\\" : s;
        }
        return paren > 0 ? s.substring(0, paren) : s;
    }

    private static String text(Path p) {
        try {
            return Files.isReadable(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
