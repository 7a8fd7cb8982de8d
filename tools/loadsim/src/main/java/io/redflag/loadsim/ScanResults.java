// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import io.redflag.protocol.json.ProtocolJson;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan report every virtual agent sends: a real one, of this project's APT scanner on a Debian 12 host
 * ({@code apt-scan-debian12.json}: {@code redflag-agent scan apt --json}, 106 updates, captured 2026-12-01). A
 * larger report repeats those updates for the foreign architectures a multiarch host also has installed
 * ({@code libc6:i386}…), as dpkg names them.
 */
final class ScanResults {

    static final String CAPTURE = "apt-scan-debian12.json";
    private static final List<String> FOREIGN = List.of("i386", "armhf", "arm64", "armel", "ppc64el", "s390x", "mips64el");

    private ScanResults() {}

    /** The captured report with exactly {@code updates} updates (at most eight times the captured 106). */
    static ScanReportDTO withUpdates(int updates) {
        ScanReportDTO captured = captured();
        int max = captured.updates.size() * (FOREIGN.size() + 1);
        if (updates < 0 || updates > max) {
            throw new IllegalArgumentException("updates per result must be 0 to " + max + ", not " + updates);
        }
        List<PackageUpdateDTO> all = new ArrayList<>(captured.updates);
        for (int arch = 0; all.size() < updates; arch++) {
            for (PackageUpdateDTO u : captured.updates) {
                all.add(foreign(u, FOREIGN.get(arch)));
            }
        }
        captured.updates = new ArrayList<>(all.subList(0, updates));
        return captured;
    }

    static ScanReportDTO captured() {
        try (InputStream in = ScanResults.class.getResourceAsStream(CAPTURE)) {
            if (in == null) {
                throw new IllegalStateException(CAPTURE + " is missing from the simulator's jar");
            }
            return ProtocolJson.mapper().readValue(in, ScanReportDTO.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PackageUpdateDTO foreign(PackageUpdateDTO u, String arch) {
        PackageUpdateDTO f = new PackageUpdateDTO();
        f.id = u.id + ":" + arch;
        f.name = u.name;
        f.installedVersion = u.installedVersion;
        f.availableVersion = u.availableVersion;
        f.source = u.source;
        f.architecture = arch;
        f.severity = u.severity;
        f.security = u.security;
        f.classification = u.classification;
        f.advisories = new ArrayList<>(u.advisories);
        f.cves = new ArrayList<>(u.cves);
        f.downloadSize = u.downloadSize;
        f.rebootRequired = u.rebootRequired;
        return f;
    }
}
