// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.ResultStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent keeps on disk survives a restart, privately, and without growing without bound. */
class AgentFilesTest {

    @TempDir
    Path dir;

    private static CommandResultDTO result(String id, ResultStatus status) {
        CommandResultDTO r = new CommandResultDTO();
        r.commandId = id;
        r.status = status;
        return r;
    }

    @Test
    void outboxKeepsResultsUntilAcknowledgedAcrossRestarts() throws Exception {
        Outbox first = new Outbox(dir);
        first.put("c-1", result("c-1", ResultStatus.COMPLETED));
        first.put("c-2", result("c-2", ResultStatus.FAILED));

        Outbox afterRestart = new Outbox(dir);
        assertThat(afterRestart.pending()).extracting(r -> r.commandId).containsExactly("c-1", "c-2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("outbox/c-1.json"))))
                .isEqualTo("rw-------");
        afterRestart.acknowledged("c-1");
        assertThat(new Outbox(dir).pending()).extracting(r -> r.commandId).containsExactly("c-2");
    }

    @Test
    void resultsTheServerWillNotTakeAndUnreadableFilesAreSetAsideCountedAndKept() throws Exception {
        Outbox outbox = new Outbox(dir);
        outbox.put("c-1", result("c-1", ResultStatus.COMPLETED));
        outbox.put("c-2", result("c-2", ResultStatus.COMPLETED));
        Files.writeString(dir.resolve("outbox/c-3.json"), "{\"commandId\": \"c-3\", trunc");
        assertThat(outbox.rejected()).isZero();

        // the unreadable file does not stop the others from being sent
        assertThat(outbox.pending()).extracting(r -> r.commandId).containsExactly("c-1", "c-2");
        outbox.quarantine(result("c-1", ResultStatus.COMPLETED), "server rejected it: HTTP 400");
        assertThat(outbox.pending()).extracting(r -> r.commandId).containsExactly("c-2");
        assertThat(outbox.rejected()).isEqualTo(2);
        assertThat(dir.resolve("outbox/rejected/c-1.json")).exists();
        assertThat(Files.readString(dir.resolve("outbox/rejected/c-3.json"))).contains("trunc");
    }

    @Test
    void stateRemembersCredentialsPrivatelyAndEveryCommandExecutedWithinTheAcceptanceWindow() throws Exception {
        AgentState s = new AgentState();
        s.agentId = "a";
        s.serverPublicKey = "k";
        s.refreshToken = "rft_x";
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        s.rememberExecuted("old", "2026-11-29T11:00:00Z", now.minusSeconds(3600)); // 25 h before "now"
        for (int i = 0; i < 2000; i++) { // far more than the 500 earlier versions kept
            s.rememberExecuted("c-" + i, now.minusSeconds(i).toString(), now);
        }
        s.save(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentState.FILE))))
                .isEqualTo("rw-------");
        AgentState loaded = AgentState.load(dir);
        assertThat(loaded.registered()).isTrue();
        assertThat(loaded.executed("c-0")).isTrue();
        assertThat(loaded.executed("c-1999")).as("still within 24 h: a replay is recognised").isTrue();
        assertThat(loaded.executed("old")).as("older than any command that would be accepted").isFalse();
        assertThat(loaded.executed).hasSize(2000);
        assertThat(AgentState.load(dir.resolve("fresh")).registered()).isFalse();
    }
}
