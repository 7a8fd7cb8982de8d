// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import io.redflag.scanner.system.internal.Metrics.Assessment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns file-system usage into "storage" records: one per real file system, id = mount point,
 * installedVersion = used percent, availableVersion = usable bytes, severity from the usable share.
 * Pure; the scanner (oshi) and the descriptor (df -P -k) both feed it.
 */
final class StorageMetrics {

    /** Memory-backed or kernel-interface file systems: they hold no data that can "fill up" a disk. */
    static final Set<String> PSEUDO_TYPES = Set.of("tmpfs", "devtmpfs", "ramfs", "proc", "sysfs", "cgroup",
            "cgroup2", "devpts", "debugfs", "securityfs", "pstore", "bpf", "tracefs", "hugetlbfs", "mqueue",
            "configfs", "fusectl", "autofs", "binfmt_misc", "efivarfs", "nsfs", "rpc_pipefs", "devfs",
            // snap packages are read-only squashfs images, always 100 % full by construction
            "squashfs");

    /** The same, for df -P output, which names the source "device" but not the type. */
    static final Set<String> PSEUDO_DEVICES = Set.of("tmpfs", "devtmpfs", "udev", "ramfs", "proc", "sysfs",
            "cgroup", "cgroup2", "devfs", "shm", "none");

    private StorageMetrics() {}

    /** Records for the real file systems, and notes with their totals and with what was skipped. */
    static Assessment assess(List<FsUsage> fileSystems) {
        List<ReadingDTO> readings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (FsUsage fs : fileSystems) {
            if (isPseudo(fs)) {
                skipped.add(fs.mount() + " (" + (fs.type() != null ? fs.type() : fs.volume()) + ")");
                continue;
            }
            // a bind mount or a stacked mount lists one mount point twice; ids must stay unique
            if (!seen.add(fs.mount())) {
                continue;
            }
            readings.add(Metrics.reading(fs.mount(), Metrics.percent(usedFraction(fs)), "%", Metrics.bytes(fs.usable())
                    + " usable of " + Metrics.bytes(fs.total()), fs.type() == null ? fs.volume() : fs.volume() + " ("
                    + fs.type() + ")", severity(usableFraction(fs))));
            notes.add(String.format(Locale.ROOT, "%s (%s on %s): %s total, %s used, %s usable", fs.mount(),
                    fs.type() == null ? "type unknown" : fs.type(), fs.volume(), Metrics.bytes(fs.total()),
                    Metrics.bytes(fs.used()), Metrics.bytes(fs.usable())));
        }
        if (!skipped.isEmpty()) {
            notes.add("skipped pseudo file systems: " + String.join(", ", skipped));
        }
        return new Assessment(readings, notes);
    }

    /** True for file systems that are not storage: pseudo types, empty ones and snap images. */
    static boolean isPseudo(FsUsage fs) {
        // covers "overlay with 0 total" and every kernel interface the lists below miss
        if (fs.total() <= 0) {
            return true;
        }
        if (fs.type() != null) {
            return PSEUDO_TYPES.contains(fs.type().toLowerCase(Locale.ROOT));
        }
        // df -P: no type column, so judge by the device name and by where snapd mounts its images
        String device = fs.volume() == null ? "" : fs.volume().toLowerCase(Locale.ROOT);
        return PSEUDO_DEVICES.contains(device) || fs.mount().startsWith("/snap/");
    }

    /**
     * Used share as df's "Capacity" column computes it: used / (used + usable). Blocks reserved for
     * the superuser count as neither, so a disk shows 100 % when ordinary programs cannot write.
     */
    static double usedFraction(FsUsage fs) {
        long base = fs.used() + fs.usable();
        return base <= 0 ? 0 : (double) fs.used() / base;
    }

    /** Usable share, the complement of {@link #usedFraction}. */
    static double usableFraction(FsUsage fs) {
        long base = fs.used() + fs.usable();
        return base <= 0 ? 0 : (double) fs.usable() / base;
    }

    /** CRITICAL below 5 % usable, IMPORTANT below 10 %, MODERATE below 20 %, LOW otherwise. */
    static Severity severity(double usableFraction) {
        if (usableFraction < 0.05) {
            return Severity.CRITICAL;
        }
        if (usableFraction < 0.10) {
            return Severity.IMPORTANT;
        }
        if (usableFraction < 0.20) {
            return Severity.MODERATE;
        }
        return Severity.LOW;
    }
}
