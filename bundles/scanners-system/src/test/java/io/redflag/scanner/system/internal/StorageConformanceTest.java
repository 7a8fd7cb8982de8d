// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.testkit.ReadingsConformance;
import io.redflag.scanner.testkit.ReadingsUnderTest;

/** The storage readings pass the test kit's suite for readings plug-ins, on this machine's captured probe and df. */
class StorageConformanceTest extends ReadingsConformance {

    @Override
    protected ReadingsUnderTest plugin() {
        return ReadingsUnderTest.of(new StorageDescriptor())
                .reader(runner -> new StorageScanner(Captured.probe()))
                .output(Captured.text("df-P-k.txt"));
    }
}
