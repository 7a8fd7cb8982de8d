// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.PluginUnderTest;
import io.redflag.scanner.testkit.ScannerConformance;
import java.util.List;

/** The APT plug-in passes the scanner test kit's conformance suite, on output captured from real hosts. */
class AptConformanceTest extends ScannerConformance {

    private static String joined(List<String> command) {
        return String.join(" ", command);
    }

    @Override
    protected PluginUnderTest plugin() {
        String list = Fixtures.text("apt/sandbox/list.stdout");
        return PluginUnderTest.of(new AptDescriptor())
                .scanner(AptScanner::new)
                .scanOutput(list)
                .dryRunOutput(Fixtures.text("apt/dryrun-security-epoch.stdout"))
                .scan(r -> r.answer(joined(AptScanner.LIST), list)
                        .answer(joined(AptScanner.NATIVE_ARCH), "amd64\n")
                        .answer(joined(AptScanner.SIMULATE_UPGRADE), Fixtures.text("apt/sandbox/sim-upgrade.stdout"))
                        .answer(joined(AptScanner.POLICY), Fixtures.text("apt/sandbox/policy-kept.stdout")))
                .dryRun(List.of("openssl"),
                        r -> r.answer(joined(AptScanner.DRY_RUN), Fixtures.text("apt/dryrun-security-epoch.stdout")),
                        r -> r.answer(joined(AptScanner.DRY_RUN), Fixtures.text("apt/dryrun-de.stdout")),
                        joined(AptScanner.INSTALL))
                .versions("1.0", "1.0-1", "1:0.9", "1.0~rc1", "1.0+deb12u1", "2.36-9+deb12u4", "3.0.11-1~deb12u2");
    }
}
