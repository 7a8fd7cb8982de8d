// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.ServerRuntime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rate limits on a node of their own (over the fleet's database) with small buckets, so that using them up here
 * slows no other test: per client address for registrations, per agent, per operator, and refused credentials per
 * address; 429 with Retry-After and the usual JSON body; refusals audited once, then counted.
 */
class RateLimitIT {

    private static final Map<String, String> LIMITS = Map.of(
            "redflag.ratelimit.public.burst", "3", "redflag.ratelimit.public.per.second", "0.01",
            "redflag.ratelimit.public.reads.burst", "12", "redflag.ratelimit.public.reads.per.second", "0.01",
            "redflag.ratelimit.agent.burst", "4", "redflag.ratelimit.agent.per.second", "0.01",
            "redflag.ratelimit.operator.burst", "6", "redflag.ratelimit.operator.per.second", "0.01",
            "redflag.ratelimit.refusals.burst", "8", "redflag.ratelimit.refusals.per.second", "0.01");

    @Test
    void bucketsPerAddressAgentOperatorAndRefusal() throws Exception {
        Fleet fleet = Fleet.get();
        ServerRuntime server = fleet.secondNode(java.nio.file.Files.createTempDirectory("redflag-limits"), LIMITS);
        try (server) {
            Http http = new Http(server.endpoint());
            String seat = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 5)).body()
                    .get("token").asText();

            // registrations per address: the first one on this node passes, the burst is 3
            HttpAgent a = HttpAgent.create(http);
            assertThat(a.register(a.registration(seat, "0.0.1", "apt")).status()).isEqualTo(200);
            HttpAgent b = HttpAgent.create(http);
            assertThat(b.register(b.registration(seat, "0.0.1", "apt")).status()).isEqualTo(200);
            assertThat(a.refresh().status()).isEqualTo(200);
            HttpAgent c = HttpAgent.create(http);
            Http.Answer limited = c.register(c.registration(seat, "0.0.1", "apt"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body().get("error").asText()).isEqualTo("too_many_requests");
            assertThat(limited.body().get("detail").asText()).contains("registrations and renewals").contains("retry after");
            assertThat(Integer.parseInt(limited.headers().getOrDefault("retry-after", "0"))).isPositive();
            // public reads have a bucket of their own, larger: registrations used up do not stop them
            int reads = 0;
            Http.Answer read;
            // (not health: for its first 750 ms a node's health answers 503 while its API settles, which would end the count)
            while ((read = http.get("/api/v1/info", null)).status() == 200 && reads < 50) {
                reads++;
            }
            assertThat(reads).as("the reads' burst, less the server's own start-up probe").isBetween(10, 12);
            assertThat(read.status()).isEqualTo(429);
            assertThat(read.body().get("detail").asText()).contains("reads from");

            // per agent, counted after authentication: a's allowance is its own
            for (int i = 0; i < 4; i++) {
                assertThat(a.checkIn("{}").status()).isEqualTo(200);
            }
            assertThat(a.checkIn("{}").status()).isEqualTo(429);
            assertThat(b.checkIn("{}").status()).isEqualTo(200);

            // per operator token
            for (int i = 0; i < 6; i++) {
                assertThat(http.get("/api/v1/agents/" + a.agentId, fleet.operatorToken).status()).isEqualTo(200);
            }
            assertThat(http.get("/api/v1/agents/" + a.agentId, fleet.operatorToken).status()).isEqualTo(429);

            // refused credentials from one address: after the burst, everything from it is refused unread
            long before = auditHead(fleet);
            for (int i = 0; i < 8; i++) {
                assertThat(http.get("/api/v1/registration-tokens", "rfo_guess" + i).status()).isEqualTo(401);
            }
            Http.Answer blocked = b.checkIn("{}");
            assertThat(blocked.status()).isEqualTo(429);
            assertThat(blocked.body().get("detail").asText()).contains("refused credentials");

            // eight guesses, one audit row so far (the rest are counted and written when the minute is over)
            try (Connection sql = fleet.sql(); PreparedStatement ps = sql.prepareStatement(
                    "SELECT count(*) FROM audit_log WHERE action = 'operator.token.refused' AND id > ?")) {
                ps.setLong(1, before);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
            }
        }
    }

    private static long auditHead(Fleet fleet) throws Exception {
        try (Connection sql = fleet.sql(); PreparedStatement ps = sql.prepareStatement("SELECT coalesce(max(id), 0) FROM audit_log");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
