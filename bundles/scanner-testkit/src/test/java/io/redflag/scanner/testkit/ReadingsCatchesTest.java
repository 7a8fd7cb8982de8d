// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The readings suite passes the toy meter and fails readings plug-ins that break the platform's rules, saying which. */
class ReadingsCatchesTest {

    /** The suite over one plug-in. */
    static final class Suite extends ReadingsConformance {
        final ReadingsUnderTest plugin;

        Suite(ReadingsUnderTest plugin) {
            this.plugin = plugin;
        }

        @Override
        protected ReadingsUnderTest plugin() {
            return plugin;
        }
    }

    private static Suite meter(ToyMeterDescriptor d) {
        return new Suite(ReadingsUnderTest.of(d).reader(runner -> new ToyMeter(runner, d)).output(ToyMeter.LISTING)
                .read(host -> host.answer("meter", ToyMeter.LISTING)));
    }

    @Test
    void aDescriptorThatSaysUpdatesFails() {
        ToyMeterDescriptor meter = new ToyMeterDescriptor();
        Suite suite = new Suite(ReadingsUnderTest.of(new ToyDescriptor()).reader(runner -> new ToyMeter(runner, meter))
                .output(ToyMeter.LISTING));
        assertThatThrownBy(suite::theDescriptorsPropertiesAreCompleteAndSayMetrics).isInstanceOf(AssertionError.class)
                .hasMessageContaining("subsystem.kind must be METRICS for this kind of plug-in, not UPDATES");
    }

    @Test
    void aParserThatThrowsAnythingButAScanExceptionFails() {
        ToyMeterDescriptor throwing = new ToyMeterDescriptor() {
            @Override
            public List<ReadingDTO> parseReadings(String output) throws ScanException {
                if (output.isBlank()) {
                    throw new IllegalStateException("nothing to read");
                }
                return super.parseReadings(output);
            }
        };
        assertThatThrownBy(() -> meter(throwing).theReadingsParserIsTotalAndGivesReadingsTheServerCanKeep())
                .isInstanceOf(AssertionError.class).hasMessageContaining("empty output")
                .hasMessageContaining("only a ScanException");
    }

    @Test
    void aValueThatIsNotANumberFails() {
        ToyMeterDescriptor nan = new ToyMeterDescriptor() {
            @Override
            protected ReadingDTO reading(String id, double value, String unit) {
                return super.reading(id, id.startsWith("load") ? Double.NaN : value, unit);
            }
        };
        assertThatThrownBy(meter(nan)::aReadGivesWellFormedReadingsEachIdOnce).isInstanceOf(AssertionError.class)
                .hasMessageContaining("load.1m has the value NaN");
    }

    @Test
    void anIdTwiceInOneReadFails() {
        ToyMeterDescriptor twice = new ToyMeterDescriptor() {
            @Override
            protected ReadingDTO reading(String id, double value, String unit) {
                return super.reading("usage", value, unit);
            }
        };
        assertThatThrownBy(meter(twice)::aReadGivesWellFormedReadingsEachIdOnce).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the reading id usage occurs twice");
    }

    @Test
    void idsThatChangeFromReadToReadFail() {
        ToyMeterDescriptor fresh = new ToyMeterDescriptor() {
            @Override
            protected ReadingDTO reading(String id, double value, String unit) {
                return super.reading(id + "." + UUID.randomUUID().toString().substring(0, 8), value, unit);
            }
        };
        assertThatThrownBy(meter(fresh)::theSameHostGivesTheSameReadingIds).isInstanceOf(AssertionError.class)
                .hasMessageContaining("must give the same reading ids");
    }

    @Test
    void aReaderThatThrowsPastItsDeadlineFails() {
        ToyMeterDescriptor d = new ToyMeterDescriptor();
        Suite suite = new Suite(ReadingsUnderTest.of(d).output(ToyMeter.LISTING).reader(runner -> new ToyMeter(runner, d) {
            @Override
            public ScanReportDTO read(ScanContext ctx) throws ScanException {
                if (ctx.deadline().isBefore(java.time.Instant.now())) {
                    throw new IllegalArgumentException("deadline in the past");
                }
                return super.read(ctx);
            }
        }).read(host -> host.answer("meter", ToyMeter.LISTING)));
        assertThatThrownBy(suite::aReadPastItsDeadlineIsSaidNotThrown).isInstanceOf(AssertionError.class)
                .hasMessageContaining("instead of a failed report or a ScanException");
    }
}
