// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

/** The toy meter passes the readings suite: the suite can be passed, and ReadingsCatchesTest's failures mean something. */
class ToyMeterConformanceTest extends ReadingsConformance {

    @Override
    protected ReadingsUnderTest plugin() {
        ToyMeterDescriptor d = new ToyMeterDescriptor();
        return ReadingsUnderTest.of(d).reader(runner -> new ToyMeter(runner, d)).output(ToyMeter.LISTING)
                .read(host -> host.answer("meter", ToyMeter.LISTING));
    }
}
