// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.version.VersionOrdering;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The behaviour every scanner plug-in owes the platform, as JUnit 5 tests a plug-in's own test class inherits:
 *
 * <pre>{@code
 * class SnapConformanceTest extends ScannerConformance {
 *     protected PluginUnderTest plugin() {
 *         return PluginUnderTest.of(new SnapDescriptor()).scanner(SnapScanner::new)...;
 *     }
 * }
 * }</pre>
 *
 * <ul>
 * <li>the descriptor's service properties (what the catalog and the agent's registry read) are complete and valid;</li>
 * <li>its parsers are total: empty, garbage, truncated, shuffled and huge output give a result or a
 * {@link ScanException}, never another exception, never a hang;</li>
 * <li>its version ordering is a total order over the samples and every version its scan output holds;</li>
 * <li>a scan passes the context's deadline to every command, and a tool that ran out of time or is missing is a
 * failed or tool-missing scan, said in words, not an exception of another kind;</li>
 * <li>a dry run's plan binds the install: the same transaction gives the same hash, another transaction another
 * hash — so the platform, which computes the plan again before installing, never installs a plan that changed (the
 * suite checks that rule end to end: the install command never runs).</li>
 * </ul>
 */
public abstract class ScannerConformance {

    /** How long one call may take by default on any input (far more than a sound parser needs on CI's two cores). */
    protected static final Duration PARSER_LIMIT = Duration.ofSeconds(30);
    /** The size of the "huge" input: beyond what any listing is, below what a runner would hand over. */
    protected static final int HUGE_CHARS = 9_000_000;

    /** The plug-in under test. */
    protected abstract PluginUnderTest plugin();

    private PluginUnderTest p;

    private PluginUnderTest p() {
        if (p == null) {
            p = plugin();
            assertNotNull(p, "plugin() returned null");
        }
        return p;
    }

    protected ScanContext context() {
        return ScanContexts.asTheAgent(p().descriptor, p().configuration, Instant.now().plus(ScanContexts.AHEAD));
    }

    @Test
    void theDescriptorsPropertiesAreCompleteAndValid() {
        Rules.descriptorProperties(p().descriptor, null);
    }

    @Test
    void theScanParserIsTotal() {
        assertNotNull(p().scanOutput, "PluginUnderTest.scanOutput(...) must give a real capture of the scan's output");
        List<PackageUpdateDTO> real = call("the real scan output", () -> p().descriptor.parseScanOutput(p().scanOutput));
        assertNotNull(real, "parseScanOutput returned null for the real output");
        assertFalse(real.isEmpty(), "parseScanOutput found no update in the real output given to the suite");
        for (PackageUpdateDTO u : real) {
            assertTrue(u.id != null && !u.id.isBlank(), "every update has an id: " + u);
        }
        for (Map.Entry<String, String> input : hostile(p().scanOutput).entrySet()) {
            List<PackageUpdateDTO> r = total(input.getKey(), () -> p().descriptor.parseScanOutput(input.getValue()));
            if (r != null) {
                for (PackageUpdateDTO u : r) {
                    assertTrue(u != null && u.id != null && !u.id.isBlank(), input.getKey() + ": an update without an id");
                }
            }
        }
    }

    @Test
    void theDryRunParserIsTotal() {
        String sample = p().dryRunOutput == null ? "" : p().dryRunOutput;
        if (p().dryRunOutput != null) {
            TransactionPlanDTO plan = call("the real dry-run output", () -> p().descriptor.parseDryRunOutput(sample));
            assertNotNull(plan, "parseDryRunOutput returned null for the real output");
        }
        for (Map.Entry<String, String> input : hostile(sample).entrySet()) {
            total(input.getKey(), () -> p().descriptor.parseDryRunOutput(input.getValue()));
        }
    }

    @Test
    void theVersionOrderingIsATotalOrder() throws Exception {
        Set<String> versions = new LinkedHashSet<>(p().versions);
        if (p().scanOutput != null) {
            for (PackageUpdateDTO u : p().descriptor.parseScanOutput(p().scanOutput)) {
                if (u.installedVersion != null) {
                    versions.add(u.installedVersion);
                }
                if (u.availableVersion != null) {
                    versions.add(u.availableVersion);
                }
                if (versions.size() > 60) {
                    break;
                }
            }
        }
        assertTrue(versions.size() >= 3, "give at least three sample versions (PluginUnderTest.versions)");
        VersionOrdering o = p().descriptor.versionOrdering();
        List<String> all = new ArrayList<>(versions);
        for (String a : all) {
            assertEquals(0, o.compare(a, a), "compare(" + a + ", " + a + ") must be 0");
            for (String b : all) {
                int ab = Integer.signum(o.compare(a, b));
                assertEquals(-ab, Integer.signum(o.compare(b, a)), "compare(" + a + ", " + b + ") and compare(" + b + ", " + a
                        + ") must have opposite signs");
                for (String c : all) {
                    if (ab <= 0 && Integer.signum(o.compare(b, c)) <= 0) {
                        assertTrue(o.compare(a, c) <= 0, a + " <= " + b + " <= " + c + " but not " + a + " <= " + c);
                    }
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        Collections.shuffle(sorted, new Random(7));
        sorted.sort(o); // a comparator that breaks its contract makes TimSort throw
    }

    @Test
    void aScanHandsTheContextsDeadlineToEveryCommand() {
        PackageScanner scanner = scanner();
        ScriptedRunner runner = scripted(p().scanScript, "scan");
        ScanContext ctx = context();
        ScanReportDTO report = call("a scan", () -> scanner(runner).scan(ctx));
        assertNotNull(report, "scan returned null");
        assertTrue(report.status == ScanStatus.OK || report.status == ScanStatus.PARTIAL, "the scripted scan must succeed, "
                + "not " + report.status + ": " + report.message);
        assertFalse(runner.calls().isEmpty(), "the scan ran no command through the CommandRunner");
        for (ScriptedRunner.Call c : runner.calls()) {
            assertNotNull(c.deadline(), c.joined() + " ran without a deadline");
            assertFalse(c.deadline().isAfter(ctx.deadline()), c.joined() + " ran with a deadline past the context's");
        }
        assertNotNull(scanner, "the scanner factory returned null");
    }

    @Test
    void aToolThatRanOutOfTimeFailsTheScanInWords() {
        expectFailure("a scan whose tool ran out of time", scripted(p().scanScript, "scan").stalled(),
                Set.of(ScanStatus.FAILED, ScanStatus.PARTIAL));
    }

    @Test
    void aMissingToolIsSaidNotThrown() {
        expectFailure("a scan on a host without the tool", new ScriptedRunner(), Set.of(ScanStatus.TOOL_MISSING,
                ScanStatus.FAILED));
    }

    private void expectFailure(String what, ScriptedRunner runner, Set<ScanStatus> allowed) {
        PackageScanner scanner = scanner(runner);
        ScanContext ctx = context();
        Outcome<ScanReportDTO> o = outcome(what, () -> scanner.scan(ctx));
        if (o.thrown() instanceof ScanException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": a ScanException must say why");
        } else if (o.thrown() != null) {
            fail(what + " threw " + o.thrown() + " instead of a failed report or a ScanException", o.thrown());
        } else {
            ScanReportDTO r = o.value();
            assertNotNull(r, what + ": scan returned null");
            assertTrue(allowed.contains(r.status), what + " must be " + allowed + ", not " + r.status);
            assertTrue(r.message != null && !r.message.isBlank(), what + " must say why (ScanReportDTO.message)");
        }
    }

    /** What a call returned or threw, within {@link #PARSER_LIMIT} (a hang fails the test). */
    private record Outcome<T>(T value, Throwable thrown) {
    }

    /** How long one parser or scanner call may take before it counts as a hang. */
    protected Duration timeLimit() {
        return PARSER_LIMIT;
    }

    private <T> Outcome<T> outcome(String what, ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(timeLimit(), () -> {
            try {
                return new Outcome<>(call.get(), null);
            } catch (Throwable t) {
                return new Outcome<T>(null, t);
            }
        }, what + " took longer than " + timeLimit() + " (a hang?)");
    }

    @Test
    void aDryRunsPlanBindsTheInstall() throws Exception {
        if (p().dryRunScript == null) {
            // a plug-in without dry runs must say so, the way the platform understands: a ScanException
            try {
                scanner(new ScriptedRunner()).dryRun(context(), List.of("anything"));
                fail("dryRun without a dry run scripted (PluginUnderTest.dryRun) must throw ScanException");
            } catch (ScanException expected) {
                return;
            }
        }
        assertNotNull(p().changedDryRunScript, "PluginUnderTest.dryRun(...) needs a changed transaction too");
        TransactionPlanDTO first = scanner(scripted(p().dryRunScript, "dry run")).dryRun(context(), p().dryRunPackages);
        TransactionPlanDTO again = scanner(scripted(p().dryRunScript, "dry run")).dryRun(context(), p().dryRunPackages);
        TransactionPlanDTO changed = scanner(scripted(p().changedDryRunScript, "changed dry run")).dryRun(context(),
                p().dryRunPackages);
        assertFalse(first.changes.isEmpty(), "the scripted dry run must plan at least one change");
        String approved = TransactionPlans.hash(first);
        assertEquals(approved, TransactionPlans.hash(again), "the same transaction must give the same plan");
        assertNotEquals(approved, TransactionPlans.hash(changed), "another transaction must give another plan");

        // the platform's rule: compute the plan again right before installing, install only if it is the approved one
        ScriptedRunner host = scripted(p().changedDryRunScript, "changed dry run");
        PackageScanner scanner = scanner(host);
        String now = TransactionPlans.hash(scanner.dryRun(context(), p().dryRunPackages));
        host.clearCalls();
        if (now.equals(approved)) {
            scanner.install(context(), p().dryRunPackages);
        }
        for (String run : host.commands()) {
            assertFalse(p().installCommand != null && (run.equals(p().installCommand) || run.startsWith(p().installCommand + " ")),
                    "the install ran although the plan changed: " + run);
        }
    }

    private PackageScanner scanner() {
        assertNotNull(p().scanner, "PluginUnderTest.scanner(...) must say how the scanner is made over a CommandRunner");
        assertNotNull(p().scanScript, "PluginUnderTest.scan(...) must script a runner for a successful scan");
        return scanner(new ScriptedRunner());
    }

    private PackageScanner scanner(ScriptedRunner runner) {
        assertNotNull(p().scanner, "PluginUnderTest.scanner(...) must say how the scanner is made over a CommandRunner");
        PackageScanner s = p().scanner.apply(runner);
        assertNotNull(s, "the scanner factory returned null");
        return s;
    }

    private static ScriptedRunner scripted(java.util.function.Consumer<ScriptedRunner> script, String what) {
        assertNotNull(script, "no script for " + what);
        ScriptedRunner r = new ScriptedRunner();
        script.accept(r);
        return r;
    }

    /** Inputs no parser may throw anything but a ScanException on, nor hang: name → text. */
    protected static Map<String, String> hostile(String sample) {
        return Rules.hostile(sample);
    }

    /** What the call returns; fails on any exception or a hang. */
    private <T> T call(String what, ThrowingSupplier<T> call) {
        Outcome<T> o = outcome(what, call);
        if (o.thrown() != null) {
            throw new AssertionError(what + " threw " + o.thrown(), o.thrown());
        }
        return o.value();
    }

    /** What the call returns, null when it threw a ScanException; fails on anything else or a hang. */
    private <T> T total(String what, ThrowingSupplier<T> call) {
        Outcome<T> o = outcome("the parser on " + what, call);
        if (o.thrown() == null) {
            return o.value();
        }
        if (o.thrown() instanceof ScanException) {
            return null;
        }
        throw new AssertionError("the parser threw " + o.thrown() + " on " + what + " (only a ScanException may say it "
                + "cannot read the output)", o.thrown());
    }
}
