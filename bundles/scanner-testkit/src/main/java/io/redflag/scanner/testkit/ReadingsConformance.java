// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.redflag.scanner.HostReadings;
import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.SubsystemKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a plug-in of readings ({@link HostReadings}: disk, memory, certificates…) owes the platform, as JUnit 5 tests its
 * test class inherits — the counterpart of {@link ScannerConformance}:
 *
 * <pre>{@code
 * class CertificatesConformanceTest extends ReadingsConformance {
 *     protected ReadingsUnderTest plugin() {
 *         return ReadingsUnderTest.of(new CertificatesDescriptor())
 *                 .reader(CertificatesReader::new)
 *                 .output(Fixtures.text("certs/openssl-x509.txt"))
 *                 .read(host -> host.answer("openssl x509", Fixtures.text("certs/openssl-x509.txt")));
 *     }
 * }
 * }</pre>
 *
 * <ul>
 * <li>the descriptor's service properties are complete and say {@code kind = METRICS};</li>
 * <li>its readings parser is total, and every reading it gives is one the server can keep: an id of printable
 * characters, a finite value or a text, a severity;</li>
 * <li>a read gives such readings, no updates, each id once, and the same ids when the host has not changed — the server
 * keys readings by id;</li>
 * <li>a read whose deadline has passed is a failed report or a {@link ScanException}, said in words, quickly;</li>
 * <li>there is nothing to dry-run: the descriptor refuses dry-run output.</li>
 * </ul>
 */
public abstract class ReadingsConformance {

    /** How long one call may take (far more than a sound reader needs on CI's two cores). */
    protected static final Duration LIMIT = Duration.ofSeconds(30);

    /** The plug-in under test. */
    protected abstract ReadingsUnderTest plugin();

    private ReadingsUnderTest p;

    private ReadingsUnderTest p() {
        if (p == null) {
            p = plugin();
            assertNotNull(p, "plugin() returned null");
        }
        return p;
    }

    private ScanContext context(Instant deadline) {
        return ScanContexts.asTheAgent(p().descriptor, p().configuration, deadline);
    }

    private HostReadings reader(ScriptedRunner host) {
        assertNotNull(p().reader, "ReadingsUnderTest.reader(...) must say how the reader is made");
        HostReadings r = p().reader.apply(host);
        assertNotNull(r, "the reader factory returned null");
        return r;
    }

    private ScriptedRunner host() {
        ScriptedRunner host = new ScriptedRunner();
        p().script.accept(host);
        return host;
    }

    private ScanReportDTO read(String what, ScanContext ctx) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                return reader(host()).read(ctx);
            } catch (ScanException e) {
                throw new AssertionError(what + " threw " + e + ": the scripted host must be readable", e);
            }
        }, what + " took longer than " + LIMIT);
    }

    @Test
    void theDescriptorsPropertiesAreCompleteAndSayMetrics() {
        Rules.descriptorProperties(p().descriptor, SubsystemKind.METRICS);
    }

    @Test
    void theReadingsParserIsTotalAndGivesReadingsTheServerCanKeep() {
        assertNotNull(p().output, "ReadingsUnderTest.output(...) must give a real capture of the tool's output");
        List<ReadingDTO> real = assertTimeoutPreemptively(LIMIT, () -> p().descriptor.parseReadings(p().output),
                "parseReadings on the real output");
        assertNotNull(real, "parseReadings returned null for the real output");
        assertFalse(real.isEmpty(), "parseReadings found no reading in the real output given to the suite");
        real.forEach(r -> assertNull(Rules.readingProblem(r), "the real output: " + Rules.readingProblem(r)));
        for (Map.Entry<String, String> input : Rules.hostile(p().output).entrySet()) {
            List<ReadingDTO> readings = assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    return p().descriptor.parseReadings(input.getValue());
                } catch (ScanException e) {
                    return null;
                } catch (RuntimeException e) {
                    throw new AssertionError("parseReadings threw " + e + " on " + input.getKey() + " (only a ScanException"
                            + " may say it cannot read the output)", e);
                }
            }, "parseReadings on " + input.getKey() + " took longer than " + LIMIT + " (a hang?)");
            if (readings != null) {
                readings.forEach(r -> assertNull(Rules.readingProblem(r), input.getKey() + ": " + Rules.readingProblem(r)));
            }
        }
    }

    @Test
    void aReadGivesWellFormedReadingsEachIdOnce() {
        ScanReportDTO report = read("a read", context(Instant.now().plus(ScanContexts.AHEAD)));
        assertNotNull(report, "read returned null");
        assertTrue(report.status == ScanStatus.OK || report.status == ScanStatus.PARTIAL, "a read of the scripted host must "
                + "succeed, not " + report.status + ": " + report.message);
        assertTrue(report.updates.isEmpty(), "readings are not updates: the report holds " + report.updates.size() + " updates");
        assertFalse(report.readings.isEmpty(), "the read found no reading");
        Set<String> ids = new HashSet<>();
        for (ReadingDTO r : report.readings) {
            assertNull(Rules.readingProblem(r), Rules.readingProblem(r));
            assertTrue(ids.add(r.id), "the reading id " + r.id + " occurs twice: the server keeps one reading per id");
        }
    }

    @Test
    void theSameHostGivesTheSameReadingIds() {
        ScanReportDTO first = read("a read", context(Instant.now().plus(ScanContexts.AHEAD)));
        ScanReportDTO second = read("a second read", context(Instant.now().plus(ScanContexts.AHEAD)));
        assertEquals(ids(first), ids(second), "two reads of an unchanged host must give the same reading ids (the server"
                + " keys readings by id: an id that changes every read is a new reading every time)");
    }

    private static Set<String> ids(ScanReportDTO report) {
        Set<String> ids = new TreeSet<>();
        report.readings.forEach(r -> ids.add(r.id));
        return ids;
    }

    @Test
    void aReadPastItsDeadlineIsSaidNotThrown() {
        ScanContext past = context(Instant.now().minusSeconds(1));
        ScanReportDTO report = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                return reader(host()).read(past);
            } catch (ScanException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a ScanException must say why");
                return null;
            } catch (RuntimeException e) {
                return fail("a read past its deadline threw " + e + " instead of a failed report or a ScanException", e);
            }
        }, "a read whose deadline had passed took more than 5 s: the reader must look at ctx.deadline()");
        if (report != null) {
            assertTrue(report.status == ScanStatus.FAILED || report.status == ScanStatus.PARTIAL, "a read past its deadline "
                    + "must be FAILED or PARTIAL, not " + report.status);
            assertTrue(report.message != null && !report.message.isBlank(), "a read past its deadline must say why");
        }
    }

    @Test
    void thereIsNothingToDryRun() {
        assertThrows(ScanException.class, () -> p().descriptor.parseDryRunOutput(p().output == null ? "" : p().output),
                "a readings subsystem has no dry run: parseDryRunOutput must refuse (the default does)");
    }
}
