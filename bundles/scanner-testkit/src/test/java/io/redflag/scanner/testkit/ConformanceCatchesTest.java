// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.CommandRunner;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.version.VersionOrdering;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The suite fails plug-ins that break the platform's rules, each with words saying which. */
class ConformanceCatchesTest {

    /** The toy plug-in with one part replaced. */
    static final class Suite extends ScannerConformance {
        final PluginUnderTest plugin;

        Suite(PluginUnderTest plugin) {
            this.plugin = plugin;
        }

        @Override
        protected PluginUnderTest plugin() {
            return plugin;
        }

        @Override
        protected Duration timeLimit() {
            return Duration.ofSeconds(3);
        }
    }

    private static PluginUnderTest toy(ToyDescriptor descriptor) {
        return PluginUnderTest.of(descriptor).scanner(ToyScanner::new).scanOutput(ToyConformanceTest.LISTING)
                .scan(r -> r.answer("toy list", ToyConformanceTest.LISTING)).versions("1.0.0", "1.0.1", "2.0.0");
    }

    @Test
    void aParserThatThrowsAnythingButAScanExceptionFails() {
        ToyDescriptor npe = new ToyDescriptor() {
            @Override
            public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
                if (output.isEmpty()) {
                    throw new NullPointerException("no first line");
                }
                return super.parseScanOutput(output);
            }
        };
        assertThatThrownBy(() -> new Suite(toy(npe)).theScanParserIsTotal()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("empty output").hasMessageContaining("only a ScanException");
    }

    @Test
    void aParserThatHangsFails() {
        ToyDescriptor slow = new ToyDescriptor() {
            @Override
            public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
                if (output.length() > 100_000) {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                }
                return super.parseScanOutput(output.length() > 100_000 ? "" : output);
            }
        };
        assertThatThrownBy(() -> new Suite(toy(slow)).theScanParserIsTotal()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("took longer than");
    }

    @Test
    void anOrderingThatIsNotTotalFails() {
        ToyDescriptor rock = new ToyDescriptor() {
            @Override
            public VersionOrdering versionOrdering() {
                return new VersionOrdering() { // rock, paper, scissors
                    @Override
                    public String scheme() {
                        return "rps";
                    }

                    @Override
                    public int compare(String a, String b) {
                        return a.equals(b) ? 0 : (a.length() + b.length()) % 2 == 0 ? a.compareTo(b) : b.compareTo(a);
                    }
                };
            }
        };
        assertThatThrownBy(() -> new Suite(toy(rock).versions("1", "22", "333", "4444")).theVersionOrderingIsATotalOrder())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aScannerThatIgnoresTheDeadlineFails() {
        PluginUnderTest p = toy(new ToyDescriptor()).scanner(runner -> new ToyScanner((deadline, command, env) ->
                runner.run(Instant.MAX, command, env)));
        assertThatThrownBy(() -> new Suite(p).aScanHandsTheContextsDeadlineToEveryCommand())
                .isInstanceOf(AssertionError.class).hasMessageContaining("deadline past the context's");
    }

    @Test
    void aScannerThatThrowsOnAMissingToolFails() {
        PluginUnderTest p = toy(new ToyDescriptor()).scanner(runner -> new ToyScanner(runner) {
            @Override
            public ScanReportDTO scan(ScanContext ctx) throws ScanException {
                if (runner.run(ctx.deadline(), "toy", "list").toolMissing()) {
                    throw new IllegalStateException("toy?");
                }
                return super.scan(ctx);
            }
        });
        assertThatThrownBy(() -> new Suite(p).aMissingToolIsSaidNotThrown()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("threw java.lang.IllegalStateException");
    }

    @Test
    void aPlanBlindToTheTransactionFails() {
        Consumer<ScriptedRunner> one = r -> r.answer("toy upgrade --dry-run", "upgrade curl 7.88.1 7.88.2\n");
        Consumer<ScriptedRunner> other = r -> r.answer("toy upgrade --dry-run", "upgrade curl 7.88.1 7.88.3\n");
        PluginUnderTest p = toy(new ToyDescriptor()).scanner(runner -> new ToyScanner(runner) {
            @Override
            public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
                TransactionPlanDTO plan = super.dryRun(ctx, packages);
                plan.changes.forEach(c -> c.toVersion = "latest"); // the versions it moves to are not in the plan
                return plan;
            }
        }).dryRun(List.of("curl"), one, other, "toy upgrade");
        assertThatThrownBy(() -> new Suite(p).aDryRunsPlanBindsTheInstall()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("another transaction must give another plan");
    }

    @Test
    void aDescriptorWithoutItsPropertiesFails() {
        PluginUnderTest p = PluginUnderTest.of(new NotAComponent()).scanOutput(ToyConformanceTest.LISTING);
        assertThatThrownBy(() -> new Suite(p).theDescriptorsPropertiesAreCompleteAndValid())
                .isInstanceOf(AssertionError.class).hasMessageContaining("not a Declarative Services component");
    }

    /** A descriptor someone forgot to annotate. */
    static class NotAComponent extends ToyDescriptor {
    }

    @Test
    void theRunnerAnswersByTheLongestPrefixAndRecordsEveryCall() {
        ScriptedRunner r = new ScriptedRunner().answer("toy", 1, "", "usage").answer("toy list", "a 1 2\n").missing("snap");
        Instant deadline = Instant.now().plusSeconds(5);
        CommandRunner runner = r;
        assertThat(runner.run(deadline, "toy", "list", "--all").stdout).isEqualTo("a 1 2\n");
        assertThat(runner.run(deadline, "toy", "remove").exitCode).isEqualTo(1);
        assertThat(runner.run(deadline, "snap", "list").toolMissing()).isTrue();
        assertThat(runner.run(deadline, "flatpak").toolMissing()).isTrue();
        assertThat(r.commands()).containsExactly("toy list --all", "toy remove", "snap list", "flatpak");
        assertThat(r.calls()).allMatch(c -> c.deadline().equals(deadline));
    }

}
