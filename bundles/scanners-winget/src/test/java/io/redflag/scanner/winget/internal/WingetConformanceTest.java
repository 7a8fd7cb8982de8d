// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.PluginUnderTest;
import io.redflag.scanner.testkit.ScannerConformance;
import java.util.List;

/**
 * The winget plug-in passes the scanner test kit's conformance suite, on its reconstructed tables (PowerShell's
 * module is absent in these scripts: the table is read).
 */
class WingetConformanceTest extends ScannerConformance {

    @Override
    protected PluginUnderTest plugin() {
        String table = Fixtures.text("winget/" + WingetTableParserTest.EN);
        String movedOn = table.replace("125.0.2", "125.0.3"); // Firefox released again between approval and install
        return PluginUnderTest.of(new WingetDescriptor())
                .scanner(WingetScanner::new)
                .scanOutput(table)
                .scan(r -> r.answer(WingetScannerTest.LIST, 0, table))
                .dryRun(List.of("Mozilla.Firefox.de"), r -> r.answer(WingetScannerTest.LIST, 0, table),
                        r -> r.answer(WingetScannerTest.LIST, 0, movedOn), "winget upgrade --id")
                .versions("1.0", "1.0.1", "1.2.0.3", "124.0.1", "< 1.0", "Unknown", "2024.05");
    }
}
