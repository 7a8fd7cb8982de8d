// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import java.util.List;

/** The suite as a plug-in author uses it: a sound plug-in passes every test. */
class ToyConformanceTest extends ScannerConformance {

    static final String LISTING = "curl 7.88.1 7.88.2\nopenssl 3.0.11 3.0.13\n";

    @Override
    protected PluginUnderTest plugin() {
        return PluginUnderTest.of(new ToyDescriptor())
                .scanner(ToyScanner::new)
                .scanOutput(LISTING)
                .dryRunOutput("upgrade curl 7.88.1 7.88.2\n")
                .scan(r -> r.answer("toy list", LISTING))
                .dryRun(List.of("curl"), r -> r.answer("toy upgrade --dry-run", "upgrade curl 7.88.1 7.88.2\n"),
                        r -> r.answer("toy upgrade --dry-run", "upgrade curl 7.88.1 7.88.3\nupgrade libcurl4 7.88.1 7.88.3\n"),
                        "toy upgrade")
                .versions("1.0.0", "1.0.1", "2.0.0-rc.1", "2.0.0");
    }
}
