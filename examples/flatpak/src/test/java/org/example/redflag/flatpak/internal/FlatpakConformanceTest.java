// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.testkit.PluginUnderTest;
import io.redflag.scanner.testkit.ScannerConformance;
import java.util.List;
import java.util.Map;

/** The platform's rules for every plug-in (RedFlag's scanner test kit), on the real captures: this class inherits its tests. */
class FlatpakConformanceTest extends ScannerConformance {

    @Override
    protected PluginUnderTest plugin() {
        String updates = Captures.stdout("v2-updates");
        return PluginUnderTest.of(new FlatpakDescriptor())
                .scanner(FlatpakScanner::new)
                .configuration(Map.of("installation", "user"))
                .scanOutput(updates)
                .dryRunOutput(Captures.stdout("v2-install"))
                .scan(FlatpakScannerTest::version2)
                .dryRun(List.of(FlatpakScannerTest.HELLO, FlatpakScannerTest.CLOCK), FlatpakScannerTest::version2,
                        // the remote moved on: Hello rebuilt, appstream not refreshed (same "2.0.0", another commit)
                        r -> FlatpakScannerTest.version2(r).answer(FlatpakScannerTest.UPDATES, 0, updates.replace("57d6a13fb269", "7db5ee603728")),
                        "flatpak update --user -y")
                .versions("1.0.3 (5776dafff0b1)", "1.0.3 (a0434e7405c8)", "3.0 beta 2 (73bea5f314f1)", "d9c4d6183353",
                        "3.0", "10.0 (0123456789ab)");
    }
}
