// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap's decisions, start after start, as the service manager would restart it. */
class CoreSlotsTest {

    @TempDir
    Path data;

    private final Instant t0 = Instant.parse("2026-11-30T21:00:00Z");
    private final Duration deadline = Duration.ofSeconds(120);

    private Path installed() throws Exception {
        Path jar = data.resolve("installed/redflag-agent.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "installed core 0.1.0");
        return jar;
    }

    /** What a running core does before it asks to be restarted: the verified jar in versions/, then the record. */
    private void stage(CoreSlots slots, Path core, String version, String command) throws Exception {
        Path jar = core.resolve("versions/" + version + "/redflag-agent.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "core " + version);
        Files.writeString(core.resolve(CoreSlots.STAGED), "version=" + version + "\njar=versions/" + version
                + "/redflag-agent.jar\nsha256=" + CoreSlots.sha256(jar) + "\ncommand=" + command + "\n");
    }

    @Test
    void aStagedCoreIsTriedOnceAndBecomesCurrentWhenItProvesHealthy() throws Exception {
        Path core = data.resolve("core");
        CoreSlots slots = new CoreSlots(core, installed(), "0.1.0");
        assertThat(slots.select(t0, deadline).jar()).as("nothing staged: the installed core").isEqualTo(installed());

        stage(slots, core, "0.2.0", "cmd-1");
        CoreSlots.Selection trial = slots.select(t0, deadline);
        assertThat(trial.trial()).isTrue();
        assertThat(trial.version()).isEqualTo("0.2.0");
        assertThat(trial.jar()).isEqualTo(core.resolve("versions/0.2.0/redflag-agent.jar"));
        assertThat(core.resolve(CoreSlots.STAGED)).as("consumed").doesNotExist();
        assertThat(slots.promoteIfHealthy(t0)).as("not healthy yet").isFalse();

        Files.writeString(core.resolve(CoreSlots.HEALTHY), "0.2.0\n");
        assertThat(slots.promoteIfHealthy(t0.plusSeconds(5))).isTrue();
        assertThat(slots.history()).containsExactly("0.2.0|0.1.0|installed|2026-11-30T21:00:05Z|cmd-1|");
        CoreSlots.Selection after = slots.select(t0.plusSeconds(60), deadline);
        assertThat(after.trial()).isFalse();
        assertThat(after.version()).as("the next start runs it as the current core").isEqualTo("0.2.0");

        // the next update keeps 0.2.0 as the backup and drops nothing it still needs
        stage(slots, core, "0.3.0", "cmd-2");
        slots.select(t0.plusSeconds(100), deadline);
        Files.writeString(core.resolve(CoreSlots.HEALTHY), "0.3.0");
        assertThat(slots.promoteIfHealthy(t0.plusSeconds(110))).isTrue();
        assertThat(core.resolve("versions/0.2.0/redflag-agent.jar")).as("the backup").exists();
        stage(slots, core, "0.4.0", "cmd-3");
        slots.select(t0.plusSeconds(200), deadline);
        Files.writeString(core.resolve(CoreSlots.HEALTHY), "0.4.0");
        slots.promoteIfHealthy(t0.plusSeconds(210));
        assertThat(core.resolve("versions/0.2.0")).as("one backup is kept, not every version").doesNotExist();
        assertThat(core.resolve("versions/0.3.0/redflag-agent.jar")).exists();
    }

    @Test
    void aTrialThatNeverProvesHealthyIsRolledBackWhetherItHangsOrTheProcessDies() throws Exception {
        Path core = data.resolve("core");
        CoreSlots slots = new CoreSlots(core, installed(), "0.1.0");
        stage(slots, core, "0.2.0", "cmd-1");
        assertThat(slots.select(t0, deadline).trial()).isTrue();
        // killed (or crashed) before its first accepted check-in: the next start rolls it back
        CoreSlots.Selection next = new CoreSlots(core, installed(), "0.1.0").select(t0.plusSeconds(30), deadline);
        assertThat(next.trial()).isFalse();
        assertThat(next.jar()).isEqualTo(installed());
        assertThat(next.notes()).anySatisfy(n -> assertThat(n).contains("never proved healthy"));
        assertThat(slots.history().get(0)).startsWith("0.2.0|0.1.0|rolled-back|2026-11-30T21:00:30Z|cmd-1|it did not check in");
        assertThat(core.resolve("versions/0.2.0")).as("a failed release is not kept").doesNotExist();

        // hangs: the watchdog's deadline rolls it back while it runs
        stage(slots, core, "0.2.1", "cmd-2");
        assertThat(slots.select(t0.plusSeconds(60), deadline).version()).isEqualTo("0.2.1");
        slots.rollBackTrial(t0.plusSeconds(180), "it did not check in within 120 s");
        assertThat(slots.select(t0.plusSeconds(181), deadline).version()).isEqualTo("0.1.0");
        assertThat(slots.history()).hasSize(2);
        assertThat(slots.history().get(0)).contains("0.2.1|0.1.0|rolled-back");

        // healthy written just before a kill: the next start keeps it rather than rolling back
        stage(slots, core, "0.2.2", "cmd-3");
        slots.select(t0.plusSeconds(200), deadline);
        Files.writeString(core.resolve(CoreSlots.HEALTHY), "0.2.2");
        assertThat(slots.select(t0.plusSeconds(201), deadline).version()).isEqualTo("0.2.2");
        assertThat(slots.history().get(0)).contains("0.2.2|0.1.0|installed");
    }

    @Test
    void aStagedJarThatChangedSinceItWasVerifiedOrTheRunningVersionIsRefusedAndADamagedCoreFallsBackToTheInstalledOne()
            throws Exception {
        Path core = data.resolve("core");
        CoreSlots slots = new CoreSlots(core, installed(), "0.1.0");
        stage(slots, core, "0.2.0", "cmd-1");
        Files.writeString(core.resolve("versions/0.2.0/redflag-agent.jar"), "tampered");
        CoreSlots.Selection s = slots.select(t0, deadline);
        assertThat(s.trial()).isFalse();
        assertThat(slots.history().get(0)).contains("|refused|").contains("does not have the SHA-256");

        Files.writeString(core.resolve(CoreSlots.STAGED), "version=0.3.0\njar=../../etc/passwd\nsha256=" + "0".repeat(64));
        slots.select(t0, deadline);
        assertThat(slots.history().get(0)).contains("0.3.0").contains("|refused|").contains("is not in");

        stage(slots, core, "0.1.0", "cmd-2");
        slots.select(t0, deadline);
        assertThat(slots.history().get(0)).contains("it is the version already running");

        stage(slots, core, "0.2.0", "cmd-3");
        slots.select(t0, deadline);
        Files.writeString(core.resolve(CoreSlots.HEALTHY), "0.2.0");
        slots.promoteIfHealthy(t0);
        Files.writeString(core.resolve("versions/0.2.0/redflag-agent.jar"), "bit rot");
        CoreSlots.Selection damaged = slots.select(t0.plusSeconds(10), deadline);
        assertThat(damaged.jar()).isEqualTo(installed());
        assertThat(damaged.notes()).anySatisfy(n -> assertThat(n).contains("missing or damaged"));
    }
}
