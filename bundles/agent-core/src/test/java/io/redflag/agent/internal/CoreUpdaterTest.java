// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.protocol.CommandParamsDTO;
import io.redflag.protocol.CoreUpdateOutcome;
import io.redflag.signing.SignedCommandDTO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreUpdaterTest {

    @TempDir
    Path data;

    private final Instant now = Instant.parse("2026-11-30T21:00:00Z");

    private static SignedCommandDTO order(String issuedAt) {
        SignedCommandDTO c = new SignedCommandDTO();
        c.id = "c-1";
        c.type = "core-update";
        c.issuedAt = issuedAt;
        return c;
    }

    private static CommandParamsDTO params(String version, String platform, String nonce) {
        CommandParamsDTO p = new CommandParamsDTO();
        p.coreVersion = version;
        p.platform = platform;
        p.nonce = nonce;
        return p;
    }

    @Test
    void anOrderIsTakenOnlyFreshOnceForThisPlatformAndUpwardsAndOnlyUnderABootstrap() {
        CoreUpdater u = new CoreUpdater(data, "0.2.0", "linux-amd64", true, null);
        String nonce = "a".repeat(32);
        assertThat(u.refusal(order("2026-11-30T20:55:00Z"), params("0.3.0", "linux-amd64", nonce), now, false)).isNull();
        assertThat(u.refusal(order("2026-11-30T20:49:59Z"), params("0.3.0", "linux-amd64", nonce), now, false))
                .contains("must start within 10 min");
        assertThat(u.refusal(order("2026-11-30T20:55:00Z"), params("0.3.0", "linux-amd64", nonce), now, true))
                .contains("used before (a replay)");
        assertThat(u.refusal(order("2026-11-30T20:55:00Z"), params("0.3.0", "linux-amd64", null), now, false))
                .contains("no nonce");
        assertThat(u.refusal(order("2026-11-30T20:55:00Z"), params("0.3.0", "windows-amd64", nonce), now, false))
                .contains("this agent runs on linux-amd64");
        assertThat(u.refusal(order("2026-11-30T20:55:00Z"), params("0.2.0", "linux-amd64", nonce), now, false))
                .contains("never downgraded");
        assertThat(u.refusal(order("2026-11-30T20:55:00Z"), params("0.1.9", "linux-amd64", nonce), now, false))
                .contains("never downgraded");
        assertThat(new CoreUpdater(data, "0.2.0", "linux-amd64", false, null)
                .refusal(order("2026-11-30T20:55:00Z"), params("0.3.0", "linux-amd64", nonce), now, false)).contains("embedded");
    }

    @Test
    void platformsAreNamedAsReleasesAre() {
        assertThat(CoreUpdater.platformOf("linux", "amd64")).isEqualTo("linux-amd64");
        assertThat(CoreUpdater.platformOf("linux", "aarch64")).isEqualTo("linux-arm64");
        assertThat(CoreUpdater.platformOf("windows", "x86_64")).isEqualTo("windows-amd64");
    }

    @Test
    void aStagedReleaseLeavesTheRecordTheBootstrapReadsAndATrialSaysItIsHealthyAfterItsFirstCheckIn() throws Exception {
        Path download = Files.writeString(data.resolve("download.jar"), "core 0.3.0");
        CoreUpdater u = new CoreUpdater(data, "0.2.0", "linux-amd64", true, null);
        u.stage("0.3.0", new AgentUpdates.VerifiedCore(download, "f".repeat(64), 10), "c-1");
        Properties staged = new Properties();
        try (var in = Files.newInputStream(data.resolve("core/staged.properties"))) {
            staged.load(in);
        }
        assertThat(staged.getProperty("jar")).isEqualTo("versions/0.3.0/redflag-agent.jar");
        assertThat(staged.getProperty("command")).isEqualTo("c-1");
        assertThat(data.resolve("core/versions/0.3.0/redflag-agent.jar")).hasContent("core 0.3.0");

        u.checkedIn();
        assertThat(data.resolve("core/healthy")).as("not on trial: nothing to prove").doesNotExist();
        new CoreUpdater(data, "0.3.0", "linux-amd64", true, "0.3.0").checkedIn();
        assertThat(data.resolve("core/healthy")).hasContent("0.3.0");
    }

    @Test
    void theBootstrapsHistoryIsReadAsReportsAndBrokenLinesAreSkipped() throws Exception {
        Files.createDirectories(data.resolve("core"));
        Files.writeString(data.resolve("core/core-state.properties"), String.join("\n",
                "history.0=0.3.0|0.2.0|rolled-back|2026-11-30T21\\:00\\:30Z|c-2|it did not check in within 120 s",
                "history.1=garbage",
                "history.2=0.2.0|0.1.0|installed|2026-11-30T20\\:00\\:00Z|c-1|"));
        var history = new CoreUpdater(data, "0.2.0", "linux-amd64", true, null).history();
        assertThat(history).extracting(h -> h.version).containsExactly("0.3.0", "0.2.0");
        assertThat(history.get(0).outcome).isEqualTo(CoreUpdateOutcome.ROLLED_BACK);
        assertThat(history.get(0).reason).isEqualTo("it did not check in within 120 s");
        assertThat(CoreUpdater.parse("0.2.0|0.1.0|installed|2026-11-30T20:00:00Z|c-1|").reason).isNull();
    }
}
