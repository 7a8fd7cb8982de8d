// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.protocol.PublisherDTO;
import io.redflag.protocol.PublisherKeyDTO;
import io.redflag.protocol.UpdateKeyDTO;
import io.redflag.server.artifacts.InvalidMetadataException;
import io.redflag.server.artifacts.UpdateKeyException;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import io.redflag.updates.tuf.Ed25519Signer;
import io.redflag.updates.tuf.Fetcher;
import io.redflag.updates.tuf.SignedMetadata;
import io.redflag.updates.tuf.TargetInfo;
import io.redflag.updates.tuf.TargetsBuilder;
import io.redflag.updates.tuf.TufClient;
import io.redflag.updates.tuf.TufException;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's signed metadata read by the real TUF client, as an agent reads it. */
class JdbcUpdateMetadataTest {

    private final Database db = TestDatabase.fresh();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final ChainedAuditLog audit = new ChainedAuditLog(db);
    @TempDir
    Path dir;
    private JdbcArtifactRepository repo;
    private JdbcUpdateMetadata meta;

    @BeforeEach
    void setUp() throws Exception {
        repo = new JdbcArtifactRepository(db, new ChainedAuditLog(db), dir.resolve("artifacts"), 1 << 20);
        meta = new JdbcUpdateMetadata(db, audit, dir.resolve("keys"), clock);
    }

    private Fetcher fetcher(JdbcUpdateMetadata from) {
        return new Fetcher() {
            @Override
            public InputStream fetchMetadata(String fileName) throws FileNotFoundException {
                return new ByteArrayInputStream(from.file(fileName).orElseThrow(() -> new FileNotFoundException(fileName)));
            }

            @Override
            public InputStream fetchTarget(String path) throws java.io.IOException {
                String hash = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 65);
                return Files.newInputStream(repo.contentByHash(hash).file());
            }
        };
    }

    private TufClient client(String name) throws Exception {
        Path metadata = dir.resolve(name);
        if (!Files.exists(metadata.resolve("root.json"))) {
            TufClient.initialize(metadata, meta.file("1.root.json").orElseThrow());
        }
        return TufClient.builder(metadata, fetcher(meta)).clock(clock).build();
    }

    private static byte[] plugin(String version) {
        return TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.snap", "Bundle-Version",
                version, "Provide-Capability", "io.redflag.subsystem;ecosystem=snap"), "snap " + version);
    }

    private long version(String file) throws Exception {
        return SignedMetadata.signedPart(meta.file(file).orElseThrow(), file.replaceAll("^\\d+\\.|\\.json$", "")).path("version")
                .asLong();
    }

    @Test
    void anAgentVerifiesAndDownloadsWhatWasPublished() throws Exception {
        byte[] jar = plugin("1.0.0");
        repo.publish("operator:a", new ByteArrayInputStream(jar));
        meta.refresh();

        TufClient agent = client("agent");
        agent.refresh();
        TargetInfo info = agent.targetInfo("bundles/com.example.snap/1.0.0.jar").orElseThrow();
        assertThat(info.length()).isEqualTo(jar.length);
        assertThat(info.hashes()).containsEntry("sha256", JdbcArtifactRepositoryTest.sha256(jar));
        assertThat(info.custom().orElseThrow().path("subsystems").get(0).asText()).isEqualTo("snap");
        assertThat(Files.readAllBytes(agent.download(info, dir.resolve("downloads")))).isEqualTo(jar);
        assertThat(agent.targetInfo("bundles/com.example.snap/9.0.0.jar")).isEmpty();

        // nothing changed: nothing is signed again
        long timestamp = version("timestamp.json");
        meta.refresh();
        assertThat(version("timestamp.json")).isEqualTo(timestamp);

        // a new version, and a retired one: new targets, snapshot and timestamp, which the agent follows
        repo.publish("operator:a", new ByteArrayInputStream(plugin("2.0.0")));
        repo.retire("operator:a", "com.example.snap", "1.0.0");
        meta.refresh();
        assertThat(version("timestamp.json")).isEqualTo(timestamp + 1);
        agent.refresh();
        assertThat(agent.targetInfo("bundles/com.example.snap/2.0.0.jar")).isPresent();
        assertThat(agent.targetInfo("bundles/com.example.snap/1.0.0.jar")).as("retired: no longer offered").isEmpty();
    }

    @Test
    void metadataIsRenewedBeforeItExpiresAndRootRotationsAreWalked() throws Exception {
        meta.refresh();
        TufClient agent = client("agent");
        agent.refresh();
        long timestamp = version("timestamp.json");

        clock.move(Duration.ofHours(17)); // the timestamp (1 day) has less than 8 hours left
        meta.refresh();
        assertThat(version("timestamp.json")).isEqualTo(timestamp + 1);
        assertThat(meta.file("2.snapshot.json")).isEmpty();

        clock.move(Duration.ofDays(340)); // root (a year) has less than 30 days left; its key is here
        meta.refresh();
        assertThat(meta.file("2.root.json")).isPresent();
        agent.refresh();
        assertThat(agent.trustedVersion("root")).hasValue(2);

        // with the root key taken offline, the server goes on but cannot renew root
        Files.delete(dir.resolve("keys").resolve("root.pk8"));
        clock.move(Duration.ofDays(340));
        meta.refresh();
        assertThat(meta.file("3.root.json")).isEmpty();
        clock.move(Duration.ofDays(40));
        assertThatThrownBy(agent::refresh).isInstanceOf(TufException.class).hasMessageContaining("expired");
    }

    @Test
    void rotatingAKeyRetiresTheOldOneAndAgentsWalkToTheNewRoot() throws Exception {
        repo.publish("operator:a", new ByteArrayInputStream(plugin("1.0.0")));
        meta.refresh();
        JdbcUpdateMetadata otherNode = new JdbcUpdateMetadata(db, audit, dir.resolve("keys"), clock); // shares the key folder
        TufClient agent = client("agent");
        agent.refresh();
        String oldTargets = role("targets").keyIds.get(0);

        List<UpdateKeyDTO> after = meta.rotate("operator:admin", "targets");
        UpdateKeyDTO targets = after.stream().filter(k -> k.role.equals("targets")).findFirst().orElseThrow();
        assertThat(targets.keyIds).singleElement().isNotEqualTo(oldTargets);
        assertThat(targets.keyHere).isTrue();
        agent.refresh();
        assertThat(agent.trustedVersion("root")).hasValue(2);
        assertThat(agent.targetInfo("bundles/com.example.snap/1.0.0.jar")).isPresent();

        meta.rotate("operator:admin", "root"); // signed by the old root key and the new one
        meta.rotate("operator:admin", "snapshot");
        meta.rotate("operator:admin", "timestamp");
        agent.refresh();
        assertThat(agent.trustedVersion("root")).hasValue(5);
        TufClient offline = client("offline-agent-since-version-1"); // walks 1 → 5
        offline.refresh();
        assertThat(offline.targetInfo("bundles/com.example.snap/1.0.0.jar")).isPresent();

        // the other node picks the rotated keys up from the shared folder and goes on signing
        long timestamp = version("timestamp.json");
        repo.publish("operator:a", new ByteArrayInputStream(plugin("2.0.0")));
        otherNode.refresh();
        assertThat(version("timestamp.json")).isEqualTo(timestamp + 1);
        agent.refresh();
        assertThat(agent.targetInfo("bundles/com.example.snap/2.0.0.jar")).isPresent();

        int rotations = db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE action = 'update.key.rotated' AND security");
                    var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rotations).isEqualTo(4);
        Files.delete(dir.resolve("keys").resolve("root.pk8"));
        assertThatThrownBy(() -> meta.rotate("operator:admin", "targets")).isInstanceOf(UpdateKeyException.class)
                .hasMessageContaining("needs the root key");
        assertThat(role("root").keyHere).isFalse();
        assertThatThrownBy(() -> meta.rotate("operator:admin", "mirrors")).isInstanceOf(UpdateKeyException.class)
                .hasMessageContaining("no role 'mirrors'");
    }

    @Test
    void aRotationCutOffBeforeItsKeyWasInPlaceIsFinishedByTheNextSigningRound() throws Exception {
        meta.refresh();
        TufClient agent = client("agent");
        agent.refresh();
        Path keys = dir.resolve("keys");
        byte[] oldTargets = Files.readAllBytes(keys.resolve("targets.pk8"));
        meta.rotate("operator:admin", "targets");
        // the node stopped after the new root was committed, before the new key took the old one's place
        Files.move(keys.resolve("targets.pk8"), keys.resolve("targets.pk8.next"));
        KeyFiles.writePrivate(keys.resolve("targets.pk8"), oldTargets);
        // and an earlier rotation that never committed left a key nobody lists
        KeyFiles.writePrivate(keys.resolve("snapshot.pk8.next"), Ed25519Signer.generate().pkcs8());

        JdbcUpdateMetadata restarted = new JdbcUpdateMetadata(db, audit, keys, clock);
        repo.publish("operator:a", new ByteArrayInputStream(plugin("1.0.0")));
        long timestamp = version("timestamp.json");
        restarted.refresh();
        assertThat(version("timestamp.json")).as("the restarted node signs again").isEqualTo(timestamp + 1);
        assertThat(keys.resolve("targets.pk8.next")).doesNotExist();
        assertThat(keys.resolve("snapshot.pk8.next")).doesNotExist();
        assertThat(Files.readAllBytes(keys.resolve("targets.pk8"))).isNotEqualTo(oldTargets);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("targets.pk8"))))
                .isEqualTo("rw-------");
        agent.refresh();
        assertThat(agent.targetInfo("bundles/com.example.snap/1.0.0.jar")).isPresent();
    }

    @Test
    void aPublisherSignsForItsNamespaceAndTheServersTargetsKeyNoLongerDoes() throws Exception {
        byte[] jar = TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.acme.flatpak",
                "Bundle-Version", "1.0.0", "Provide-Capability", "io.redflag.subsystem;ecosystem=flatpak"), "acme");
        repo.publish("operator:a", new ByteArrayInputStream(jar));
        Ed25519Signer acme = Ed25519Signer.generate();
        PublisherDTO req = new PublisherDTO();
        req.name = "acme";
        PublisherKeyDTO key = new PublisherKeyDTO();
        key.keytype = "ed25519";
        key.scheme = "ed25519";
        key.publicKey = acme.key().publicValue().orElseThrow();
        req.keys.add(key);
        req.namespaces.add("com.acme.*");
        PublisherDTO added = meta.addPublisher("operator:admin", req);
        assertThat(added.keys).singleElement().satisfies(k -> assertThat(k.keyId).isEqualTo(acme.key().keyId()));
        assertThat(added.signedVersion).isZero();

        TufClient agent = client("agent");
        agent.refresh();
        String target = "bundles/com.acme.flatpak/1.0.0.jar";
        assertThat(agent.targetInfo(target)).as("not signed by the publisher yet").isEmpty();

        ObjectNode custom = JsonNodeFactory.instance.objectNode().put("symbolicName", "com.acme.flatpak").put("version", "1.0.0");
        Instant expires = clock.instant().plus(Duration.ofDays(30));
        byte[] signed = SignedMetadata.sign(new TargetsBuilder().version(1).expires(expires).addTarget(target, jar, custom).build(),
                acme);
        assertThat(meta.acceptTargets("operator:admin", "acme", signed).signedVersion).isEqualTo(1);
        agent.refresh();
        TargetInfo info = agent.targetInfo(target).orElseThrow();
        assertThat(info.hashes()).containsEntry("sha256", JdbcArtifactRepositoryTest.sha256(jar));
        assertThat(Files.readAllBytes(agent.download(info, dir.resolve("acme-downloads")))).isEqualTo(jar);

        // what the repository refuses, leaving version 1 served
        Ed25519Signer stranger = Ed25519Signer.generate();
        assertThatThrownBy(() -> meta.acceptTargets("operator:admin", "acme", SignedMetadata.sign(new TargetsBuilder()
                .version(2).expires(expires).addTarget(target, jar, custom).build(), stranger)))
                .isInstanceOf(InvalidMetadataException.class).hasMessageContaining("threshold of acme's keys");
        assertThatThrownBy(() -> meta.acceptTargets("operator:admin", "acme", signed))
                .isInstanceOf(InvalidMetadataException.class).hasMessageContaining("higher than the one served (1)");
        byte[] other = "not the bundle".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> meta.acceptTargets("operator:admin", "acme", SignedMetadata.sign(new TargetsBuilder()
                .version(2).expires(expires).addTarget(target, other, custom).build(), acme)))
                .isInstanceOf(InvalidMetadataException.class).hasMessageContaining("the repository holds");
        ObjectNode snapCustom = JsonNodeFactory.instance.objectNode().put("symbolicName", "com.example.snap").put("version", "1.0.0");
        assertThatThrownBy(() -> meta.acceptTargets("operator:admin", "acme", SignedMetadata.sign(new TargetsBuilder()
                .version(2).expires(expires).addTarget("bundles/com.example.snap/1.0.0.jar", jar, snapCustom).build(), acme)))
                .isInstanceOf(InvalidMetadataException.class).hasMessageContaining("not a bundle of acme's namespaces");
        assertThatThrownBy(() -> meta.acceptTargets("operator:admin", "acme", SignedMetadata.sign(new TargetsBuilder()
                .version(2).expires(clock.instant().minusSeconds(1)).addTarget(target, jar, custom).build(), acme)))
                .isInstanceOf(InvalidMetadataException.class).hasMessageContaining("expired");
        assertThat(meta.publishers()).singleElement().satisfies(p -> assertThat(p.signedVersion).isEqualTo(1));

        assertThatThrownBy(() -> meta.addPublisher("operator:admin", req)).isInstanceOf(UpdateKeyException.class);
        req.name = "timestamp";
        assertThatThrownBy(() -> meta.addPublisher("operator:admin", req)).isInstanceOf(InvalidMetadataException.class);
        req.name = "other";
        assertThatThrownBy(() -> meta.addPublisher("operator:admin", req)).isInstanceOf(InvalidMetadataException.class)
                .hasMessageContaining("belongs to publisher acme");
    }

    private UpdateKeyDTO role(String name) {
        return meta.keys().stream().filter(k -> k.role.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aNodeWithOtherKeysSignsNothingAndServesWhatIsThere() throws Exception {
        meta.refresh();
        byte[] timestamp = meta.file("timestamp.json").orElseThrow();
        JdbcUpdateMetadata stranger = new JdbcUpdateMetadata(db, audit, dir.resolve("other-keys"), clock);
        repo.publish("operator:a", new ByteArrayInputStream(plugin("1.0.0")));
        stranger.refresh();
        assertThat(stranger.file("timestamp.json").orElseThrow()).isEqualTo(timestamp);
        meta.refresh();
        assertThat(meta.file("timestamp.json").orElseThrow()).isNotEqualTo(timestamp);
    }

    @Test
    void theFirstRootIsThereForTheFirstAgentThatAsksEvenBeforeAnySigningRound() {
        assertThat(meta.file("1.root.json")).isPresent();
        assertThat(meta.file("timestamp.json")).isPresent();
    }

    @Test
    void onlyMetadataFileNamesAreServed() {
        meta.refresh();
        assertThat(meta.file("1.root.json")).isPresent();
        assertThat(meta.file("1.targets.json")).isPresent();
        assertThat(meta.file("0.root.json")).isEmpty();
        assertThat(meta.file("root.json")).isEmpty();
        assertThat(meta.file("../1.root.json")).isEmpty();
        assertThat(meta.file("1.secrets.json")).isEmpty();
        assertThat(meta.file(null)).isEmpty();
    }

    /** A clock tests move forward. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
