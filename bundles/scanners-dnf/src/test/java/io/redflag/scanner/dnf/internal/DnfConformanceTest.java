// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.PluginUnderTest;
import io.redflag.scanner.testkit.ScannerConformance;
import java.util.List;

/** The DNF plug-in passes the scanner test kit's conformance suite (see dnf/README for where each capture comes from). */
class DnfConformanceTest extends ScannerConformance {

    @Override
    protected PluginUnderTest plugin() {
        String checkUpdate = Fixtures.text("dnf/reconstructed-dnf4-check-update-wrapped.txt");
        return PluginUnderTest.of(new DnfDescriptor())
                .scanner(DnfScanner::new)
                .scanOutput(checkUpdate)
                .dryRunOutput(Fixtures.text("dnf/reconstructed-dnf5-dry-run-upgrade.txt"))
                .scan(r -> r.answer("dnf check-update", 100, checkUpdate)
                        .answer("rpm -q --qf " + InstalledVersions.QUERY_FORMAT, 1,
                                Fixtures.text("dnf/reconstructed-rpm-query-installed.txt"))
                        .answer("dnf updateinfo list --updates --with-cve", 0,
                                Fixtures.text("dnf/reconstructed-dnf4-updateinfo-list-with-cve.txt"))
                        .answer("dnf updateinfo list --updates", 0, Fixtures.text("dnf/reconstructed-dnf4-updateinfo-list.txt")))
                .dryRun(List.of("qemu-img.x86_64"),
                        r -> r.answer("dnf --assumeno upgrade",
                                CommandResult.of(1, Fixtures.text("dnf/reconstructed-dnf5-dry-run-upgrade.txt"), "")),
                        r -> r.answer("dnf --assumeno upgrade",
                                CommandResult.of(1, Fixtures.text("dnf/reconstructed-dnf5-dry-run-abbreviated-replacing.txt"), "")),
                        "dnf -y upgrade")
                .versions("1.0-1", "1.0-1.fc40", "2:8.2.1-1.fc40", "1.0~rc1-1", "1.0^post1-1", "10.1-1", "9.9-1");
    }
}
