// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.testkit.ReadingsConformance;
import io.redflag.scanner.testkit.ReadingsUnderTest;

/** The system readings pass the test kit's suite for readings plug-ins, on this machine's captured probe and meminfo. */
class SystemConformanceTest extends ReadingsConformance {

    @Override
    protected ReadingsUnderTest plugin() {
        return ReadingsUnderTest.of(new SystemDescriptor())
                .reader(runner -> new SystemScanner(Captured.probe()))
                .output(Captured.text("proc-meminfo.txt"));
    }
}
