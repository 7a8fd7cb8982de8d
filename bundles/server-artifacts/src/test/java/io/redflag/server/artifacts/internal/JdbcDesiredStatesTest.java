// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.BundlePinDTO;
import io.redflag.protocol.DesiredStateDTO;
import io.redflag.server.artifacts.ArtifactConflictException;
import io.redflag.server.artifacts.UnknownArtifactException;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcDesiredStatesTest {

    private final Database db = TestDatabase.fresh();
    @TempDir
    Path dir;

    private UUID agent(String... enabled) {
        UUID id = UUID.randomUUID();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (id, machine_id, hostname, os_family, agent_version)"
                    + " VALUES (?, ?, 'host', 'linux', '0.1.0')")) {
                ps.setObject(1, id);
                ps.setString(2, "machine-" + id);
                ps.executeUpdate();
            }
            for (String eco : enabled) {
                boolean on = !eco.startsWith("-");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_subsystems (agent_id, ecosystem, enabled,"
                        + " interval_seconds) VALUES (?, ?, ?, 3600)")) {
                    ps.setObject(1, id);
                    ps.setString(2, on ? eco : eco.substring(1));
                    ps.setBoolean(3, on);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        return id;
    }

    private static byte[] plugin(String name, String version, String ecosystem) {
        return TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", name, "Bundle-Version", version,
                "Provide-Capability", "io.redflag.subsystem;ecosystem=" + ecosystem), name + version);
    }

    @Test
    void anAgentShouldRunTheNewestOfferedPlugInOfEachEnabledSubsystem() throws Exception {
        JdbcArtifactRepository repo = new JdbcArtifactRepository(db, new ChainedAuditLog(db), dir, 1 << 20);
        JdbcDesiredStates states = new JdbcDesiredStates(db, repo, new ChainedAuditLog(db));
        UUID withSnap = agent("apt", "snap");
        UUID snapDisabled = agent("apt", "-snap");
        DesiredStateDTO nothing = states.of(withSnap);
        assertThat(nothing.bundles).isEmpty();
        assertThat(states.hash(snapDisabled)).isEqualTo(nothing.hash);

        repo.publish("operator:a", new ByteArrayInputStream(plugin("com.example.snap", "1.0.0", "snap")));
        repo.publish("operator:a", new ByteArrayInputStream(plugin("com.example.snap", "1.10.0", "snap")));
        repo.publish("operator:a", new ByteArrayInputStream(plugin("com.example.snap", "1.9.0", "snap")));
        repo.publish("operator:a", new ByteArrayInputStream(TestJars.bundle("com.example.library", "1.0.0", "x")));
        Thread.sleep(JdbcDesiredStates.OFFER_MAX_AGE_NANOS / 1_000_000 + 50); // the offer is read at most once a second

        DesiredStateDTO snap = states.of(withSnap);
        assertThat(snap.bundles).singleElement().satisfies(b -> {
            assertThat(b.symbolicName).isEqualTo("com.example.snap");
            assertThat(b.version).isEqualTo("1.10.0");
            assertThat(b.target).isEqualTo("bundles/com.example.snap/1.10.0.jar");
            assertThat(b.sha256).isEqualTo(repo.get("com.example.snap", "1.10.0").sha256);
            assertThat(b.ecosystems).containsExactly("snap");
        });
        assertThat(snap.hash).isNotEqualTo(nothing.hash).isEqualTo(states.hash(withSnap));
        assertThat(states.of(snapDisabled).bundles).as("a disabled subsystem's plug-in is not wanted").isEmpty();

        repo.retire("operator:a", "com.example.snap", "1.10.0");
        Thread.sleep(JdbcDesiredStates.OFFER_MAX_AGE_NANOS / 1_000_000 + 50);
        assertThat(states.of(withSnap).bundles).extracting(b -> b.version).containsExactly("1.9.0");
        assertThat(states.hash(withSnap)).isNotEqualTo(snap.hash);
    }

    @Test
    void pinsHoldAPlugInAtAVersionForEveryAgentOrOneAndTheAgentsOwnPinWins() throws Exception {
        JdbcArtifactRepository repo = new JdbcArtifactRepository(db, new ChainedAuditLog(db), dir, 1 << 20);
        JdbcDesiredStates states = new JdbcDesiredStates(db, repo, new ChainedAuditLog(db));
        UUID a = agent("snap");
        UUID b = agent("snap");
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0")) {
            repo.publish("operator:a", new ByteArrayInputStream(plugin("com.example.snap", v, "snap")));
        }
        Thread.sleep(JdbcDesiredStates.OFFER_MAX_AGE_NANOS / 1_000_000 + 50);
        assertThat(version(states, a)).isEqualTo("2.0.0");

        BundlePinDTO everyAgent = states.pin("operator:o", "com.example.snap", "1.1", null);
        assertThat(everyAgent.version).isEqualTo("1.1.0");
        assertThat(everyAgent.agentId).isNull();
        states.pin("operator:o", "com.example.snap", "1.0.0", b);
        assertThat(version(states, a)).isEqualTo("1.1.0");
        assertThat(version(states, b)).as("an agent's own pin wins").isEqualTo("1.0.0");
        assertThat(states.pins("com.example.snap")).extracting(p -> p.agentId == null ? "every agent" : p.version)
                .containsExactly("every agent", "1.0.0");

        states.pin("operator:o", "com.example.snap", "2.0.0", null); // a pin replaces the pin of its scope
        assertThat(version(states, a)).isEqualTo("2.0.0");
        assertThat(states.unpin("operator:o", "com.example.snap", b)).isTrue();
        assertThat(states.unpin("operator:o", "com.example.snap", b)).isFalse();
        assertThat(version(states, b)).isEqualTo("2.0.0");

        repo.retire("operator:a", "com.example.snap", "1.0.0");
        assertThatThrownBy(() -> states.pin("operator:o", "com.example.snap", "1.0.0", null))
                .isInstanceOf(UnknownArtifactException.class).hasMessageContaining("is retired");
        assertThatThrownBy(() -> states.pin("operator:o", "com.example.snap", "9.0.0", null))
                .isInstanceOf(UnknownArtifactException.class);
        assertThatThrownBy(() -> states.pin("operator:o", "com.example.snap", "2.0.0", UUID.randomUUID()))
                .isInstanceOf(UnknownArtifactException.class).hasMessageContaining("no agent");
    }

    private static String version(JdbcDesiredStates states, UUID agent) {
        return states.of(agent).bundles.get(0).version;
    }

    @Test
    void oneBundleProvidesAnEcosystemUntilAllItsVersionsAreRetired() throws Exception {
        JdbcArtifactRepository repo = new JdbcArtifactRepository(db, new ChainedAuditLog(db), dir, 1 << 20);
        repo.publish("operator:a", new ByteArrayInputStream(plugin("com.example.snap", "3.0.0", "snap")));
        assertThatThrownBy(() -> repo.publish("operator:a", new ByteArrayInputStream(plugin("org.other.snap", "1.0.0", "snap"))))
                .isInstanceOf(ArtifactConflictException.class)
                .hasMessage("the snap subsystem is provided by com.example.snap; publish new versions of that bundle (or retire "
                        + "all of its versions first)");
        repo.retire("operator:a", "com.example.snap", "3.0.0");
        repo.publish("operator:a", new ByteArrayInputStream(plugin("org.other.snap", "1.0.0", "snap")));
        assertThat(JdbcDesiredStates.load(repo.list(null))).containsOnlyKeys("snap")
                .hasEntrySatisfying("snap", a -> assertThat(a.symbolicName).isEqualTo("org.other.snap"));
    }
}
