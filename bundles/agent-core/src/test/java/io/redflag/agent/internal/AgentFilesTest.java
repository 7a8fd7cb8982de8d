// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.ResultStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
    void stateRemembersCredentialsPrivatelyAndABoundedListOfExecutedCommands() throws Exception {
        AgentState s = new AgentState();
        s.agentId = "a";
        s.serverPublicKey = "k";
        s.refreshToken = "rft_x";
        for (int i = 0; i < AgentState.REMEMBERED_COMMANDS + 10; i++) {
            s.rememberExecuted("c-" + i);
        }
        s.save(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(AgentState.FILE))))
                .isEqualTo("rw-------");
        AgentState loaded = AgentState.load(dir);
        assertThat(loaded.registered()).isTrue();
        assertThat(loaded.executedCommands).hasSize(AgentState.REMEMBERED_COMMANDS);
        assertThat(loaded.executed("c-0")).isFalse();
        assertThat(loaded.executed("c-" + (AgentState.REMEMBERED_COMMANDS + 9))).isTrue();
        assertThat(AgentState.load(dir.resolve("fresh")).registered()).isFalse();
    }

    @Test
    void backoffGrowsWithJitterUpToItsCapAndResets() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        Duration first = b.next();
        assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        for (int i = 0; i < 40; i++) {
            assertThat(b.next()).isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
        assertThat(b.next()).isGreaterThanOrEqualTo(Duration.ofSeconds(150));
        b.reset();
        assertThat(b.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
}
