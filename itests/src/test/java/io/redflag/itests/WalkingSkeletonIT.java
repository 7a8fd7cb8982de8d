// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * register → check-in → signed scan → report → stored, with the real APT scanner scanning this
 * machine, over real HTTP against the real PostgreSQL.
 */
class WalkingSkeletonIT {

    static Fleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
    }

    @Test
    void healthInfoAndPublicKeyArePublicAndTruthful() throws Exception {
        Http.Answer health = fleet.http.get("/api/v1/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("database").asText()).isEqualTo("ok");

        Http.Answer info = fleet.http.get("/api/v1/info", null);
        assertThat(info.body().get("version").asText()).isEqualTo(System.getProperty("redflag.version"));

        Http.Answer key = fleet.http.get("/api/v1/public-key", null);
        byte[] der = Base64.getDecoder().decode(key.body().get("publicKey").asText());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 32);
        assertThat(key.body().get("fingerprint").asText()).isEqualTo(expected);
        assertThat(key.body().get("algorithm").asText()).isEqualTo("Ed25519");
    }

    @Test
    void operatorRoutesAreNeverOpen() {
        Http.Answer none = fleet.http.get("/api/v1/agents", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("error").asText()).isEqualTo("unauthorized");
        assertThat(fleet.http.get("/api/v1/agents", "rfo_forged").status()).isEqualTo(401);
        assertThat(fleet.http.get("/api/v1/agents/" + fleet.agentId + "/updates", null).status()).isEqualTo(401);
        assertThat(fleet.http.get("/api/v1/agents", fleet.operatorToken).status()).isEqualTo(200);
    }

    @Test
    void aptScanOfThisMachineLandsInPostgres() throws Exception {
        JsonNode apt = Fleet.await(Duration.ofSeconds(60), () -> {
            for (JsonNode s : fleet.http.get("/api/v1/agents/" + fleet.agentId + "/subsystems", fleet.operatorToken).body()) {
                if (s.get("ecosystem").asText().equals("apt") && !s.get("lastStatus").isNull()) {
                    return s;
                }
            }
            return null;
        }, "the first apt scan result");
        assertThat(apt.get("lastStatus").asText()).isIn("ok", "partial");

        // what apt itself says right now, read independently of the scanner's parser
        Process p = new ProcessBuilder("apt", "list", "--upgradable").redirectErrorStream(false).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Set<String> fromApt = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-z0-9][a-z0-9+.-]*)/\\S+ \\S+ \\S+ \\[upgradable from").matcher(listing);
        while (m.find()) {
            fromApt.add(m.group(1));
        }

        Set<String> stored = new TreeSet<>();
        try (Connection c = fleet.sql(); PreparedStatement ps = c.prepareStatement("SELECT name, installed_version, "
                + "available_version, download_size FROM pending_updates WHERE agent_id = ?::uuid AND ecosystem = 'apt'")) {
            ps.setString(1, fleet.agentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    assertThat(rs.getString(2)).as("installed version of " + rs.getString(1)).isNotBlank();
                    assertThat(rs.getString(3)).as("available version of " + rs.getString(1)).isNotBlank()
                            .isNotEqualTo(rs.getString(2));
                    assertThat(rs.getLong(4)).as("download size of " + rs.getString(1)).isPositive();
                }
            }
        }
        // phased updates are withheld by the scanner on purpose, so the stored set is within apt's
        assertThat(fromApt).containsAll(stored);
        assertThat(stored.size()).isGreaterThanOrEqualTo(fromApt.size() * 9 / 10);

        Http.Answer api = fleet.http.get("/api/v1/agents/" + fleet.agentId + "/updates?ecosystem=apt", fleet.operatorToken);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body().size()).isEqualTo(stored.size());
    }

    @Test
    void aMissingToolIsOneStatusNotAnErrorStorm() throws Exception {
        for (String eco : new String[] {"dnf", "docker"}) {
            JsonNode s = Fleet.await(Duration.ofSeconds(60), () -> {
                for (JsonNode n : fleet.http.get("/api/v1/agents/" + fleet.agentId + "/subsystems", fleet.operatorToken).body()) {
                    if (n.get("ecosystem").asText().equals(eco) && !n.get("lastStatus").isNull()) {
                        return n;
                    }
                }
                return null;
            }, eco + " scan result");
            assertThat(s.get("lastStatus").asText()).as(eco).isEqualTo("tool_missing");
            try (Connection c = fleet.sql(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM commands WHERE agent_id = ?::uuid AND ecosystem = ?")) {
                ps.setString(1, fleet.agentId);
                ps.setString(2, eco);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("scan commands for " + eco).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aCommandWithATamperedSignatureIsRefusedByTheAgentAndAudited() throws Exception {
        // a genuine signed command, copied with different parameters: the signature no longer matches
        String commandId = java.util.UUID.randomUUID().toString();
        try (Connection c = fleet.sql()) {
            String[] genuine = Fleet.await(Duration.ofSeconds(60), () -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT issued_at, key_id, signature FROM commands WHERE agent_id = ?::uuid LIMIT 1")) {
                    ps.setString(1, fleet.agentId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "a signed command");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO commands (id, agent_id, type, ecosystem, params, "
                    + "issued_at, key_id, signature) VALUES (?::uuid, ?::uuid, 'scan', 'tampered', ?, ?, ?, ?)")) {
                ps.setString(1, commandId);
                ps.setString(2, fleet.agentId);
                ps.setString(3, "{\"ecosystem\":\"apt\",\"config\":{\"evil\":\"yes\"}}");
                ps.setString(4, genuine[0]);
                ps.setString(5, genuine[1]);
                ps.setString(6, genuine[2]);
                ps.executeUpdate();
            }
            String status = Fleet.await(Duration.ofSeconds(60), () -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT status FROM commands WHERE id = ?::uuid")) {
                    ps.setString(1, commandId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String s = rs.getString(1);
                        return s.equals("pending") || s.equals("delivered") ? null : s;
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "the agent's answer to the tampered command");
            assertThat(status).isEqualTo("refused");
            try (PreparedStatement ps = c.prepareStatement("SELECT body->>'message' FROM command_results WHERE command_id = ?::uuid")) {
                ps.setString(1, commandId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("bad signature");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM audit_log WHERE security AND action = 'command.refused-by-agent' AND detail LIKE ?")) {
                ps.setString(1, "%" + commandId + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }
}
