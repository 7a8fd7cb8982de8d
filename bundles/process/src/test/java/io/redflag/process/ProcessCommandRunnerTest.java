// SPDX-License-Identifier: Apache-2.0
package io.redflag.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real processes on this machine: the OS boundary the scanners rely on. */
class ProcessCommandRunnerTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final Instant soon = Instant.now().plusSeconds(20);

    @Test
    void capturesBothStreamsTheExitCodeAndForcesTheCLocale() {
        CommandResult r = runner.run(soon, "sh", "-c", "echo out; echo err >&2; echo $LC_ALL; exit 3");
        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.stdout).isEqualTo("out\nC\n");
        assertThat(r.stderr).isEqualTo("err\n");
        assertThat(r.timedOut).isFalse();

        CommandResult german = runner.run(soon, List.of("sh", "-c", "echo $LC_ALL"), Map.of("LC_ALL", "de_DE.UTF-8"));
        assertThat(german.stdout).isEqualTo("de_DE.UTF-8\n");
    }

    @Test
    void aMissingProgramIsExit127NotAnException() {
        CommandResult r = runner.run(soon, "/nonexistent/apt-get", "update");
        assertThat(r.exitCode).isEqualTo(CommandRunner.EXIT_NOT_FOUND);
        assertThat(r.toolMissing()).isTrue();
    }

    @Test
    void theDeadlineKillsTheWholeProcessTree() {
        Instant start = Instant.now();
        CommandResult r = runner.run(start.plusMillis(700), "sh", "-c", "sleep 30 & sleep 30; echo never");
        assertThat(r.timedOut).isTrue();
        assertThat(r.exitCode).isEqualTo(-1);
        assertThat(r.stdout).doesNotContain("never");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void standardInputIsClosedSoAToolWaitingForAnAnswerDoesNotHang() {
        CommandResult r = runner.run(soon, "sh", "-c", "read answer || echo end-of-input; echo got:$answer");
        assertThat(r.timedOut).isFalse();
        assertThat(r.stdout).isEqualTo("end-of-input\ngot:\n");
    }
}
