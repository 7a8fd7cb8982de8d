// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.AgentRuntime;
import io.redflag.launcher.BundleSource;
import io.redflag.launcher.FelixRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An agent told to expect another server key (out-of-band fingerprint) never registers. */
class PinnedKeyIT {

    @Test
    void anAgentExpectingAnotherServerKeyRefusesToRegister() throws Exception {
        Fleet fleet = Fleet.get();
        Http.Answer token = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 1));
        String tokenId = token.body().get("id").asText();
        Path dir = Files.createTempDirectory("redflag-pinned");
        FelixRuntime agent = AgentRuntime.start(dir, fleet.server.endpoint(), token.body().get("token").asText(),
                "0".repeat(32), BundleSource.folder(Path.of(System.getProperty("redflag.agent.bundles"))));
        try {
            // the agent tries at once and then backs off; give it time for a few attempts
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                assertThat(dir.resolve("state.json")).doesNotExist();
                Thread.sleep(200);
            }
            try (Connection c = fleet.sql();
                    PreparedStatement ps = c.prepareStatement("SELECT used FROM registration_tokens WHERE id = ?::uuid")) {
                ps.setString(1, tokenId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("seats used by the refusing agent").isZero();
                }
            }
            // a mistake only a person can fix: said once, clearly, then tried again slowly (not every few seconds)
            var status = Http.JSON.readTree(dir.resolve("status.json").toFile());
            assertThat(status.get("lastProblem").asText()).contains("is not the one this agent was told to expect")
                    .contains("--server-fingerprint");
            assertThat(status.get("problemNeedsOperator").asBoolean()).isTrue();
            assertThat(java.time.Instant.parse(status.get("nextCheckInAt").asText()))
                    .isAfter(java.time.Instant.now().plus(Duration.ofMinutes(8)));
        } finally {
            agent.close();
        }
    }
}
