// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository side: keys, builders, signing and file names, checked by reading back with the client. */
class RepositorySideTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void ed25519KeysRoundTripThroughPkcs8() throws Exception {
        Ed25519Signer signer = Ed25519Signer.generate();
        Ed25519Signer again = Ed25519Signer.fromPkcs8(signer.pkcs8());

        assertThat(again.key()).isEqualTo(signer.key());
        assertThat(signer.key().keyType()).isEqualTo("ed25519");
        assertThat(signer.key().publicValue().orElseThrow()).matches("[0-9a-f]{64}");
        assertThat(signer.toString()).doesNotContain(Hex.encode(signer.pkcs8()));
        assertThat(TufKey.fromJson(signer.key().toJson())).isEqualTo(signer.key());
    }

    @Test
    void anImportedKeyDerivesThePublicKeyOfRfc8032() throws Exception {
        // RFC 8032, 7.1, test 1
        byte[] pkcs8 = Hex.decode("302e020100300506032b657004220420"
                + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").orElseThrow();
        Ed25519Signer signer = Ed25519Signer.fromPkcs8(pkcs8);

        assertThat(signer.key().publicValue())
                .contains("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(Hex.encode(signer.sign(new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974"
                + "d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertThatThrownBy(() -> Ed25519Signer.fromPkcs8(new byte[] {1, 2, 3}))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void signaturesAreOverTheCanonicalSignedObject() throws Exception {
        Ed25519Signer signer = Ed25519Signer.generate();
        ObjectNode signed = new TimestampBuilder().expires(LATER).snapshot(3).build();

        byte[] md = SignedMetadata.sign(signed, signer, signer);

        ObjectNode parsed = (ObjectNode) io.redflag.updates.tuf.internal.Json.MAPPER.readTree(md);
        assertThat(parsed.get("signatures")).hasSize(1); // one signature per key
        byte[] sig = Hex.decode(parsed.at("/signatures/0/sig").textValue()).orElseThrow();
        Signature verifier = Signature.getInstance("Ed25519");
        byte[] spki = Hex.decode("302a300506032b6570032100" + signer.key().publicValue().orElseThrow()).orElseThrow();
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(CanonicalJson.encode(signed));
        assertThat(verifier.verify(sig)).isTrue();
        assertThat(parsed.at("/signed/expires").textValue()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(parsed.at("/signed/meta/snapshot.json/version").intValue()).isEqualTo(3);
        assertThat(parsed.at("/signed/spec_version").textValue()).startsWith("1.0.");
    }

    @Test
    void signaturesCanBeAddedOneHolderAfterAnother() throws Exception {
        Ed25519Signer a = Ed25519Signer.generate();
        Ed25519Signer b = Ed25519Signer.generate();
        byte[] md = SignedMetadata.sign(new SnapshotBuilder().expires(LATER).meta(TARGETS, 1).build(), a);

        md = SignedMetadata.addSignature(md, b);
        md = SignedMetadata.addSignature(md, b);

        assertThat(SignedMetadata.signatureKeyIds(md)).containsExactly(a.key().keyId(), b.key().keyId());
        assertThat(SignedMetadata.signedPart(md, SNAPSHOT).at("/meta/targets.json/version").intValue()).isEqualTo(1);
    }

    @Test
    void consistentSnapshotFileNames() {
        assertThat(RepositoryLayout.publishedFile(ROOT, 4, false)).isEqualTo("4.root.json");
        assertThat(RepositoryLayout.publishedFile(TIMESTAMP, 9, true)).isEqualTo("timestamp.json");
        assertThat(RepositoryLayout.publishedFile(SNAPSHOT, 7, true)).isEqualTo("7.snapshot.json");
        assertThat(RepositoryLayout.publishedFile(TARGETS, 7, false)).isEqualTo("targets.json");
        assertThat(RepositoryLayout.publishedFile("acme/plugins", 2, true)).isEqualTo("2.acme%2Fplugins.json");
        assertThat(RepositoryLayout.targetFile("bundles/acme/a.jar", "abc")).isEqualTo("bundles/acme/abc.a.jar");
        assertThat(RepositoryLayout.targetFile("a.jar", "abc")).isEqualTo("abc.a.jar");
        assertThat(RepositoryLayout.metaName("acme/plugins")).isEqualTo("acme/plugins.json");
    }

    @Test
    void buildersRefuseWhatNoRepositoryShouldWrite() {
        assertThatThrownBy(() -> new RootBuilder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RootBuilder().addKey("mirrors", Ed25519Signer.generate().key()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TargetsBuilder().delegate(SNAPSHOT, List.of(), 1, false, List.of("*")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RootBuilder().threshold(ROOT, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A repository as the server would publish it, written with nothing but the public API, then read by a client:
     * root v1, a rotation to v2 with a new root key (signed by old and new), a delegation per publisher, a bundle.
     */
    @Test
    void aRepositoryBuiltWithThePublicApiIsReadByTheClient() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        Ed25519Signer rootKey = Ed25519Signer.generate();
        Ed25519Signer online = Ed25519Signer.generate(); // timestamp and snapshot
        Ed25519Signer targetsKey = Ed25519Signer.generate();
        Ed25519Signer acme = Ed25519Signer.generate();
        RootBuilder root = new RootBuilder().expires(LATER).addKey(ROOT, rootKey.key())
                .addKey(TIMESTAMP, online.key()).addKey(SNAPSHOT, online.key()).addKey(TARGETS, targetsKey.key());
        byte[] root1 = SignedMetadata.sign(root.build(), rootKey);
        files.put(RepositoryLayout.publishedFile(ROOT, 1, true), root1);

        Ed25519Signer newRootKey = Ed25519Signer.fromPkcs8(Ed25519Signer.generate().pkcs8());
        root.version(2).removeKey(ROOT, rootKey.key().keyId()).addKey(ROOT, newRootKey.key());
        files.put(RepositoryLayout.publishedFile(ROOT, 2, true), SignedMetadata.sign(root.build(), rootKey, newRootKey));

        byte[] bundle = "PK\u0003\u0004 a bundle".getBytes(UTF_8);
        ObjectNode custom = JsonNodeFactory.instance.objectNode().put("symbolicName", "com.acme.scanner.snap");
        byte[] acmeMd = SignedMetadata.sign(new TargetsBuilder().expires(LATER)
                .addTarget("plugins/acme/snap-1.0.0.jar", bundle, custom).build(), acme);
        byte[] targetsMd = SignedMetadata.sign(new TargetsBuilder().expires(LATER)
                .delegate("acme", List.of(acme.key()), 1, true, List.of("plugins/acme/*")).build(), targetsKey);
        byte[] snapshotMd = SignedMetadata.sign(new SnapshotBuilder().expires(LATER).meta(TARGETS, 1, targetsMd)
                .meta("acme", 1, acmeMd).build(), online);
        byte[] timestampMd = SignedMetadata.sign(new TimestampBuilder().expires(NOW.plus(Duration.ofDays(1)))
                .snapshot(1, snapshotMd).build(), online);
        files.put(RepositoryLayout.publishedFile(TARGETS, 1, true), targetsMd);
        files.put(RepositoryLayout.publishedFile("acme", 1, true), acmeMd);
        files.put(RepositoryLayout.publishedFile(SNAPSHOT, 1, true), snapshotMd);
        files.put(RepositoryLayout.publishedFile(TIMESTAMP, 1, true), timestampMd);
        String bundlePath = RepositoryLayout.targetFile("plugins/acme/snap-1.0.0.jar",
                io.redflag.updates.tuf.internal.Hashes.sha256Hex(bundle));
        Map<String, byte[]> targets = Map.of(bundlePath, bundle);

        Fetcher fetcher = new Fetcher() {
            @Override
            public InputStream fetchMetadata(String fileName) throws FileNotFoundException {
                return open(files, fileName);
            }

            @Override
            public InputStream fetchTarget(String path) throws FileNotFoundException {
                return open(targets, path);
            }
        };
        TufClient.initialize(dir.resolve("md"), root1);
        TufClient client = TufClient.builder(dir.resolve("md"), fetcher).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();

        client.refresh();
        TargetInfo info = client.targetInfo("plugins/acme/snap-1.0.0.jar").orElseThrow();
        Path file = client.download(info, dir.resolve("bundles"));

        assertThat(client.trustedVersion(ROOT)).hasValue(2);
        assertThat(info.custom().orElseThrow().get("symbolicName").textValue()).isEqualTo("com.acme.scanner.snap");
        assertThat(Files.readAllBytes(file)).isEqualTo(bundle);
        assertThat(client.targetInfo("plugins/other/x.jar")).isEmpty();
    }

    private static InputStream open(Map<String, byte[]> files, String name) throws FileNotFoundException {
        byte[] data = files.get(name);
        if (data == null) {
            throw new FileNotFoundException(name);
        }
        return new ByteArrayInputStream(data);
    }
}
