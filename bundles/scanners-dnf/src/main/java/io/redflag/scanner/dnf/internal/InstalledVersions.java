// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.version.VersionOrderings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installed versions, which neither {@code check-update} nor dnf4's transaction table shows. They come
 * from {@code rpm -q --qf '%{NAME}.%{ARCH} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\n' NAME…}, which prints one
 * line per installed instance (several for install-only packages such as the kernel) and
 * "package X is not installed" for the others.
 */
final class InstalledVersions {

    /** rpm's query format; rpm itself expands the {@code \n}, no shell is involved. */
    static final String QUERY_FORMAT = "%{NAME}.%{ARCH} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n";

    private final Map<String, String> byNameArch;

    private InstalledVersions(Map<String, String> byNameArch) {
        this.byNameArch = byNameArch;
    }

    /** The command that asks rpm for the installed versions of {@code names}. */
    static List<String> command(Collection<String> names) {
        List<String> cmd = new ArrayList<>(List.of("rpm", "-q", "--qf", QUERY_FORMAT));
        cmd.addAll(names);
        return cmd;
    }

    /** Reads rpm's answer; lines that are not "name.arch epoch:version-release" are skipped. */
    static InstalledVersions parse(String output) {
        Map<String, String> map = new HashMap<>();
        for (String line : Text.lines(output)) {
            List<String> t = Text.tokens(line);
            if (t.size() != 2 || !Nevra.isEvr(t.get(1))) {
                continue;
            }
            // dnf prints no epoch when it is 0; do the same so both versions read alike
            String evr = Nevra.withoutZeroEpoch(t.get(1));
            // several instances: report the newest, which is what an upgrade starts from
            map.merge(t.get(0), evr, (a, b) -> VersionOrderings.RPM.compare(a, b) >= 0 ? a : b);
        }
        return new InstalledVersions(map);
    }

    /**
     * The newest installed version of {@code name} on {@code arch}; failing that, of {@code name} on any
     * architecture (a package may move between noarch and an arch).
     */
    Optional<String> of(String name, String arch) {
        String exact = byNameArch.get(name + "." + arch);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (Map.Entry<String, String> e : byNameArch.entrySet()) {
            Optional<Nevra> n = Nevra.fromNameArch(e.getKey(), e.getValue());
            if (n.isPresent() && n.get().name().equals(name)
                    && (best == null || VersionOrderings.RPM.compare(e.getValue(), best) > 0)) {
                best = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }
}
