// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.server.artifacts.ArtifactConflictException;
import io.redflag.server.artifacts.ArtifactRepository.Publication;
import io.redflag.server.artifacts.ArtifactTooLargeException;
import io.redflag.server.artifacts.InvalidArtifactException;
import io.redflag.server.artifacts.UnknownArtifactException;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcArtifactRepositoryTest {

    private final Database db = TestDatabase.fresh();
    private final ChainedAuditLog audit = new ChainedAuditLog(db);
    @TempDir
    Path dir;

    private JdbcArtifactRepository node(String name) throws Exception {
        return new JdbcArtifactRepository(db, audit, dir.resolve(name), 64 * 1024);
    }

    private static Publication publish(JdbcArtifactRepository repo, byte[] jar) {
        return repo.publish("operator:alice", new ByteArrayInputStream(jar));
    }

    @Test
    void publishesABundleReadingWhatItIsFromItsManifest() throws Exception {
        JdbcArtifactRepository repo = node("a");
        byte[] jar = TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.snap;singleton:=true",
                "Bundle-Version", "1.2", "Bundle-Name", "Snap scanner", "Bundle-Description", "Pending snaps",
                "Provide-Capability", "osgi.service;objectClass:List<String>=\"io.redflag.scanner.SubsystemDescriptor\","
                        + "io.redflag.subsystem;ecosystem=snap"), "v1");

        Publication p = publish(repo, jar);

        assertThat(p.created()).isTrue();
        ArtifactDTO a = p.artifact();
        assertThat(a.symbolicName).isEqualTo("com.example.snap");
        assertThat(a.version).isEqualTo("1.2.0");
        assertThat(a.sha256).isEqualTo(sha256(jar));
        assertThat(a.length).isEqualTo(jar.length);
        assertThat(a.name).isEqualTo("Snap scanner");
        assertThat(a.description).isEqualTo("Pending snaps");
        assertThat(a.subsystems).containsExactly("snap");
        assertThat(a.publishedBy).isEqualTo("operator:alice");
        assertThat(a.retiredAt).isNull();
        assertThat(Files.readAllBytes(repo.content("com.example.snap", "1.2.0").file())).isEqualTo(jar);
        assertThat(repo.get("com.example.snap", "1.2").sha256).isEqualTo(a.sha256);
        assertThat(audited("artifact.published")).hasSize(1).first().asString().contains("com.example.snap 1.2.0", a.sha256);
    }

    @Test
    void theSameBytesAgainAreHarmlessButOtherBytesForAPublishedVersionAreRefused() throws Exception {
        JdbcArtifactRepository repo = node("a");
        byte[] v1 = TestJars.bundle("com.example.snap", "1.0.0", "one");
        publish(repo, v1);

        Publication again = publish(repo, v1);
        assertThat(again.created()).isFalse();
        assertThat(again.artifact().sha256).isEqualTo(sha256(v1));

        byte[] other = TestJars.bundle("com.example.snap", "1.0.0", "two");
        assertThatThrownBy(() -> publish(repo, other)).isInstanceOf(ArtifactConflictException.class)
                .hasMessageContaining("com.example.snap 1.0.0").hasMessageContaining(sha256(v1))
                .hasMessageContaining("publish a new version");
        assertThat(Files.readAllBytes(repo.content("com.example.snap", "1.0.0").file())).isEqualTo(v1);
        assertThat(repo.list(null)).hasSize(1);
        assertThat(audited("artifact.published")).hasSize(1);
    }

    @Test
    void twoPublishersOfOneVersionWithDifferentBytesRaceAndExactlyOneWins() throws Exception {
        JdbcArtifactRepository a = node("a");
        JdbcArtifactRepository b = node("b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Publication>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcArtifactRepository node = i % 2 == 0 ? a : b;
                byte[] jar = TestJars.bundle("com.example.race", "2.0.0", "bytes " + i);
                results.add(pool.submit((Callable<Publication>) () -> publish(node, jar)));
            }
            int won = 0;
            int refused = 0;
            for (Future<Publication> f : results) {
                try {
                    won += f.get().created() ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ArtifactConflictException.class);
                    refused++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(refused).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEcosystemOfTheServersOwnBundlesIsNotTakenOverButItsOwnNewerVersionIsWelcome() throws Exception {
        JdbcArtifactRepository repo = new JdbcArtifactRepository(db, audit, dir.resolve("a"), 64 * 1024,
                eco -> eco.equals("apt") ? "io.redflag.scanner.apt" : null);
        assertThatThrownBy(() -> publish(repo, TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName",
                "com.example.aptish", "Bundle-Version", "1.0.0", "Provide-Capability", "io.redflag.subsystem;ecosystem=apt"), "x")))
                .isInstanceOf(ArtifactConflictException.class).hasMessageContaining("provided by io.redflag.scanner.apt");
        assertThat(publish(repo, TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "io.redflag.scanner.apt",
                "Bundle-Version", "9.0.0", "Provide-Capability", "io.redflag.subsystem;ecosystem=apt"), "newer")).created()).isTrue();
    }

    @Test
    void whatIsNotABundleIsRefusedSayingWhy() throws Exception {
        JdbcArtifactRepository repo = node("a");
        assertThatThrownBy(() -> publish(repo, "just text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("not a jar");
        assertThatThrownBy(() -> publish(repo, TestJars.jar(Map.of("Created-By", "me"), "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("Bundle-ManifestVersion");
        assertThatThrownBy(() -> publish(repo, TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-Version", "1"), "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("no Bundle-SymbolicName");
        assertThatThrownBy(() -> publish(repo, TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b"), "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("no Bundle-Version");
        assertThatThrownBy(() -> publish(repo, TestJars.bundle("a.b", "1.x.0", "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("'1.x.0' is not an OSGi version");
        assertThatThrownBy(() -> publish(repo, TestJars.bundle("../../etc/passwd", "1.0.0", "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("is not a symbolic name");
        assertThatThrownBy(() -> publish(repo, TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.frag",
                "Bundle-Version", "1", "Fragment-Host", "a.host"), "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("Fragment-Host");
        assertThatThrownBy(() -> publish(repo, TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b",
                "Bundle-Version", "1", "Provide-Capability", "io.redflag.subsystem;ecosystem=\"Not Valid\""), "x")))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("ecosystem");
        assertThat(repo.list(null)).isEmpty();
        assertThat(count("artifact_blobs")).isZero();
        assertThat(staged()).isEmpty();
    }

    @Test
    void aBundleOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        JdbcArtifactRepository repo = node("a");
        byte[] big = TestJars.bundle("com.example.big", "1.0.0", HexFormat.of().formatHex(new java.util.Random(1).ints(100_000)
                .collect(java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (x, y) -> {}).toByteArray()));
        assertThat(big.length).isGreaterThan(64 * 1024);
        assertThatThrownBy(() -> publish(repo, big)).isInstanceOf(ArtifactTooLargeException.class)
                .hasMessageContaining(String.valueOf(64 * 1024));
        assertThat(repo.list(null)).isEmpty();
        assertThat(staged()).isEmpty();
    }

    @Test
    void anotherNodeServesTheBytesFromTheDatabaseAndReplacesATamperedCopy() throws Exception {
        byte[] jar = TestJars.bundle("com.example.shared", "1.0.0", "shared");
        publish(node("a"), jar);

        JdbcArtifactRepository b = node("b");
        Path file = b.contentByHash(sha256(jar)).file();
        assertThat(file).startsWith(dir.resolve("b"));
        assertThat(Files.readAllBytes(file)).isEqualTo(jar);

        byte[] evil = jar.clone();
        evil[evil.length / 2] ^= 1;
        Files.write(file, evil);
        JdbcArtifactRepository restarted = node("b");
        assertThat(Files.readAllBytes(restarted.content("com.example.shared", "1.0.0").file())).isEqualTo(jar);
    }

    @Test
    void listsNewestVersionFirstAndRetiresWithoutLosingBytes() throws Exception {
        JdbcArtifactRepository repo = node("a");
        for (String v : List.of("1.9.0", "1.10.0", "1.2.0.beta", "1.2.0")) {
            publish(repo, TestJars.bundle("com.example.order", v, v));
        }
        publish(repo, TestJars.bundle("com.example.another", "0.1.0", "x"));

        assertThat(repo.list("com.example.order")).extracting(a -> a.version)
                .containsExactly("1.10.0", "1.9.0", "1.2.0.beta", "1.2.0");
        assertThat(repo.list(null)).extracting(a -> a.symbolicName).first().isEqualTo("com.example.another");

        ArtifactDTO retired = repo.retire("operator:bob", "com.example.order", "1.9");
        assertThat(retired.retiredAt).isNotNull();
        assertThat(repo.retire("operator:bob", "com.example.order", "1.9.0").retiredAt).isEqualTo(retired.retiredAt);
        assertThat(audited("artifact.retired")).hasSize(1);
        assertThat(repo.content("com.example.order", "1.9.0").file()).exists();
    }

    @Test
    void unknownNamesVersionsAndHashesSaySo() throws Exception {
        JdbcArtifactRepository repo = node("a");
        assertThatThrownBy(() -> repo.get("com.example.none", "1.0.0")).isInstanceOf(UnknownArtifactException.class)
                .hasMessage("no artifact com.example.none 1.0.0");
        assertThatThrownBy(() -> repo.get("com.example.none", "not a version")).isInstanceOf(UnknownArtifactException.class);
        assertThatThrownBy(() -> repo.contentByHash("../../x")).isInstanceOf(UnknownArtifactException.class);
        assertThatThrownBy(() -> repo.contentByHash("0".repeat(64))).isInstanceOf(UnknownArtifactException.class);
        assertThatThrownBy(() -> repo.retire("operator:bob", "com.example.none", "1")).isInstanceOf(UnknownArtifactException.class);
    }

    private List<String> audited(String action) throws Exception {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_log WHERE action = ?")) {
                ps.setString(1, action);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private long count(String table) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<Path> staged() throws Exception {
        try (var files = Files.list(dir.resolve("a").resolve("incoming"))) {
            return files.toList();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void coreReleasesArePublishedPerPlatformOnceAndServedByHashLikeBundles() throws Exception {
        JdbcArtifactRepository repo = node("a");
        byte[] v2 = TestJars.core("0.2.0", "two");
        var p = repo.publishCore("operator:alice", "linux-amd64", new ByteArrayInputStream(v2));
        assertThat(p.created()).isTrue();
        assertThat(p.release().version).as("the jar's own version").isEqualTo("0.2.0");
        assertThat(p.release().sha256).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(v2)));
        assertThat(repo.publishCore("operator:bob", "linux-amd64", new ByteArrayInputStream(v2)).created()).isFalse();
        assertThatThrownBy(() -> repo.publishCore("operator:bob", "linux-amd64",
                new ByteArrayInputStream(TestJars.core("0.2.0", "other bytes")))).isInstanceOf(ArtifactConflictException.class)
                .hasMessageContaining("a release never changes");
        repo.publishCore("operator:alice", "linux-amd64", new ByteArrayInputStream(TestJars.core("0.10.0", "ten")));
        repo.publishCore("operator:alice", "windows-amd64", new ByteArrayInputStream(TestJars.core("0.2.0", "two")));
        assertThat(repo.latestCore("linux-amd64").orElseThrow().version).as("agent version order, not text").isEqualTo("0.10.0");
        repo.retireCore("operator:alice", "linux-amd64", "0.10.0");
        assertThat(repo.latestCore("linux-amd64").orElseThrow().version).isEqualTo("0.2.0");
        assertThat(repo.latestCore("linux-arm64")).isEmpty();
        assertThat(repo.cores(null)).extracting(r -> r.platform + " " + r.version)
                .containsExactly("linux-amd64 0.10.0", "linux-amd64 0.2.0", "windows-amd64 0.2.0");
        var served = repo.contentByHash(p.release().sha256);
        assertThat(Files.readAllBytes(served.file())).isEqualTo(v2);

        assertThatThrownBy(() -> repo.publishCore("operator:alice", "linux", new ByteArrayInputStream(v2)))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("not os-architecture");
        byte[] bundle = TestJars.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "x", "Bundle-Version", "1"), "b");
        assertThatThrownBy(() -> repo.publishCore("operator:alice", "linux-amd64", new ByteArrayInputStream(bundle)))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("not an agent core")
                .hasMessageContaining("publish bundles to /api/v1/artifacts");
        assertThatThrownBy(() -> repo.publishCore("operator:alice", "linux-amd64",
                new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(InvalidArtifactException.class);
    }
}
