// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * Reads the host through oshi (which uses JNA and /proc, WMI or sysctl underneath). A fresh
 * {@link SystemInfo} per call: oshi memoizes values inside one instance, and a scan wants the
 * current numbers, not those of the previous scan.
 */
final class OshiHostProbe implements HostProbe {

    @Override
    public List<FsUsage> fileSystems() {
        // local only: a network share is another host's disk, and a hung NFS server would stall the scan
        List<OSFileStore> stores = new SystemInfo().getOperatingSystem().getFileSystem().getFileStores(true);
        List<FsUsage> result = new ArrayList<>(stores.size());
        for (OSFileStore s : stores) {
            result.add(new FsUsage(s.getMount(), s.getType(), s.getVolume(), s.getTotalSpace(), s.getFreeSpace(),
                    s.getUsableSpace()));
        }
        return result;
    }

    @Override
    public SystemSnapshot system() {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hw = si.getHardware();
        OperatingSystem os = si.getOperatingSystem();
        GlobalMemory mem = hw.getMemory();
        MemUsage memory = new MemUsage(mem.getTotal(), mem.getAvailable(), mem.getVirtualMemory().getSwapTotal(),
                mem.getVirtualMemory().getSwapUsed());
        OperatingSystem.OSVersionInfo v = os.getVersionInfo();
        return new SystemSnapshot(memory, hw.getProcessor().getSystemLoadAverage(1)[0],
                hw.getProcessor().getLogicalProcessorCount(), os.getSystemUptime(), osVersion(os.getFamily(), v),
                v.getBuildNumber());
    }

    /** "Debian GNU/Linux 12 (bookworm)", "Windows 11", "macOS 14.2 (Sonoma)". */
    static String osVersion(String family, OperatingSystem.OSVersionInfo v) {
        StringBuilder s = new StringBuilder(family);
        if (v.getVersion() != null && !v.getVersion().isBlank()) {
            s.append(' ').append(v.getVersion());
        }
        if (v.getCodeName() != null && !v.getCodeName().isBlank()) {
            s.append(" (").append(v.getCodeName()).append(')');
        }
        return s.toString();
    }
}
