// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.Ed25519Signer;
import io.redflag.updates.tuf.SignedMetadata;
import io.redflag.updates.tuf.TargetsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact repository over real HTTP on the whole server: admins publish bundles as bytes, a version never
 * changes, operators list and download (whole or by range, with length and hash), viewers only read.
 */
class ArtifactsIT {

    private static final String JAR = "application/java-archive";

    @Test
    void publishListDownloadAndRetire() throws Exception {
        Fleet fleet = Fleet.get();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "com.example.it" + suffix;
        String ecosystem = "it" + suffix; // its own: one bundle per ecosystem, and other tests use snap
        byte[] v1 = bundle(name, "1.0.0", "io.redflag.subsystem;ecosystem=" + ecosystem, "first");

        Http.Answer created = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, v1, JAR);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.headers().get("location")).endsWith("/api/v1/artifacts/" + name + "/1.0.0");
        assertThat(created.body().get("sha256").asText()).isEqualTo(sha256(v1));
        assertThat(created.body().get("length").asLong()).isEqualTo(v1.length);
        assertThat(created.body().get("subsystems").get(0).asText()).isEqualTo(ecosystem);
        assertThat(created.body().get("publishedBy").asText()).isEqualTo("operator:admin");

        Http.Answer again = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, v1, "application/octet-stream");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("publishedAt").asText()).isEqualTo(created.body().get("publishedAt").asText());

        Http.Answer changed = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken,
                bundle(name, "1.0.0", null, "other bytes"), JAR);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body().get("error").asText()).isEqualTo("conflict");
        assertThat(changed.body().get("detail").asText()).contains(sha256(v1)).contains("publish a new version");

        byte[] v2 = bundle(name, "1.10.0", "io.redflag.subsystem;ecosystem=" + ecosystem, "second");
        assertThat(fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, v2, JAR).status()).isEqualTo(201);
        JsonNode listed = fleet.http.get("/api/v1/artifacts?name=" + name, fleet.operatorToken).body();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("version").asText()).isEqualTo("1.10.0");
        assertThat(fleet.http.get("/api/v1/artifacts/" + name + "/1.0", fleet.operatorToken).body().get("sha256").asText())
                .isEqualTo(sha256(v1));

        // the bytes: whole, then ranges, each with the hash of the whole file
        String content = "/api/v1/artifacts/" + name + "/1.0.0/content";
        Http.Bytes whole = fleet.http.getBytes(content, fleet.operatorToken, Map.of());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(v1);
        assertThat(whole.headers()).containsEntry("accept-ranges", "bytes").containsEntry("etag", "\"" + sha256(v1) + "\"")
                .containsEntry("content-length", String.valueOf(v1.length))
                .containsEntry("repr-digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(v1)) + ":");
        assertThat(whole.headers().get("content-type")).startsWith(JAR);

        Http.Bytes middle = fleet.http.getBytes(content, fleet.operatorToken, Map.of("Range", "bytes=10-29"));
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(v1, 10, 30));
        assertThat(middle.headers()).containsEntry("content-range", "bytes 10-29/" + v1.length);
        Http.Bytes tail = fleet.http.getBytes(content, fleet.operatorToken, Map.of("Range", "bytes=-7"));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(v1, v1.length - 7, v1.length));
        Http.Bytes rest = fleet.http.getBytes(content, fleet.operatorToken, Map.of("Range", "bytes=" + (v1.length - 3) + "-"));
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(v1, v1.length - 3, v1.length));
        Http.Bytes past = fleet.http.getBytes(content, fleet.operatorToken, Map.of("Range", "bytes=" + v1.length + "-"));
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.headers()).containsEntry("content-range", "bytes */" + v1.length);
        assertThat(new String(past.body(), StandardCharsets.UTF_8)).contains("range_not_satisfiable");
        Http.Bytes stale = fleet.http.getBytes(content, fleet.operatorToken, Map.of("Range", "bytes=0-1", "If-Range", "\"other\""));
        assertThat(stale.status()).as("a range of another version's bytes is not served: the whole file is").isEqualTo(200);
        assertThat(stale.body()).isEqualTo(v1);

        // pins: held at 1.0.0 for every agent, listed, refused for versions that do not exist, released
        Http.Answer pinned = fleet.http.put("/api/v1/artifacts/" + name + "/pins", fleet.operatorToken, Map.of("version", "1.0"));
        assertThat(pinned.status()).as(pinned.raw()).isEqualTo(200);
        assertThat(pinned.body().get("version").asText()).isEqualTo("1.0.0");
        assertThat(pinned.body().get("agentId").isNull()).isTrue();
        assertThat(fleet.http.get("/api/v1/artifacts/" + name + "/pins", fleet.operatorToken).body()).hasSize(1);
        assertThat(fleet.http.put("/api/v1/artifacts/" + name + "/pins", fleet.operatorToken, Map.of("version", "7.0.0")).status())
                .isEqualTo(404);
        Http.Answer noVersionGiven = fleet.http.put("/api/v1/artifacts/" + name + "/pins", fleet.operatorToken, Map.of());
        assertThat(noVersionGiven.status()).isEqualTo(400);
        assertThat(noVersionGiven.body().get("detail").asText()).contains("version");
        assertThat(fleet.http.send("DELETE", "/api/v1/artifacts/" + name + "/pins", fleet.operatorToken).status()).isEqualTo(204);
        assertThat(fleet.http.send("DELETE", "/api/v1/artifacts/" + name + "/pins", fleet.operatorToken).status()).isEqualTo(404);

        Http.Answer retired = fleet.http.send("POST", "/api/v1/artifacts/" + name + "/1.0.0/retire", fleet.operatorToken);
        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.body().get("retiredAt").isNull()).isFalse();
        assertThat(fleet.http.getBytes(content, fleet.operatorToken, Map.of()).body()).as("retired bytes stay").isEqualTo(v1);
    }

    @Test
    void aPublisherSignsTheBundlesOfItsNamespace() throws Exception {
        Fleet fleet = Fleet.get();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String publisher = "acme" + suffix;
        String bundle = "com.acme" + suffix + ".tool";
        Ed25519Signer key = Ed25519Signer.generate();
        Map<String, Object> req = Map.of("name", publisher, "namespaces", List.of("com.acme" + suffix + ".*"),
                "keys", List.of(Map.of("keytype", "ed25519", "scheme", "ed25519", "publicKey", key.key().publicValue().orElseThrow())));
        Http.Answer added = fleet.http.post("/api/v1/updates/publishers", fleet.operatorToken, req);
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.body().get("keys").get(0).get("keyId").asText()).isEqualTo(key.key().keyId());
        assertThat(added.body().get("threshold").asInt()).isEqualTo(1);
        assertThat(fleet.http.post("/api/v1/updates/publishers", fleet.operatorToken, req).status()).isEqualTo(409);
        Http.Answer badName = fleet.http.post("/api/v1/updates/publishers", fleet.operatorToken, Map.of("name", "Root!"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().get("error").asText()).isEqualTo("invalid_metadata");

        byte[] jar = bundle(bundle, "1.0.0", "io.redflag.subsystem;ecosystem=" + publisher, "tool");
        assertThat(fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, jar, JAR).status()).isEqualTo(201);
        String target = "bundles/" + bundle + "/1.0.0.jar";
        ObjectNode custom = Http.JSON.createObjectNode().put("symbolicName", bundle).put("version", "1.0.0");
        Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        byte[] signed = SignedMetadata.sign(new TargetsBuilder().version(1).expires(expires).addTarget(target, jar, custom).build(), key);
        Http.Answer taken = fleet.http.send("PUT", "/api/v1/updates/publishers/" + publisher + "/targets", fleet.operatorToken,
                signed, "application/json");
        assertThat(taken.status()).as(taken.raw()).isEqualTo(200);
        assertThat(taken.body().get("signedVersion").asLong()).isEqualTo(1);

        byte[] forged = SignedMetadata.sign(new TargetsBuilder().version(2).expires(expires).addTarget(target, jar, custom).build(),
                Ed25519Signer.generate());
        Http.Answer refused = fleet.http.send("PUT", "/api/v1/updates/publishers/" + publisher + "/targets", fleet.operatorToken,
                forged, "application/json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").asText()).contains("threshold of " + publisher + "'s keys");
        assertThat(fleet.http.send("PUT", "/api/v1/updates/publishers/nobody" + suffix + "/targets", fleet.operatorToken,
                signed, "application/json").status()).isEqualTo(404);
        String viewer = fleet.http.post("/api/v1/operator-tokens", fleet.operatorToken, Map.of("name", "publisher-viewer",
                "role", "viewer")).body().get("token").asText();
        assertThat(fleet.http.get("/api/v1/updates/publishers", viewer).status()).isEqualTo(200);
        assertThat(fleet.http.send("PUT", "/api/v1/updates/publishers/" + publisher + "/targets", viewer, signed,
                "application/json").status()).isEqualTo(403);
    }

    @Test
    void badInputIsRefusedInWordsAndOnlyAdminsPublish() throws Exception {
        Fleet fleet = Fleet.get();
        Http.Answer garbage = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken,
                "\0\0not a jar".getBytes(StandardCharsets.UTF_8), JAR);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().get("error").asText()).isEqualTo("invalid_artifact");
        assertThat(garbage.body().get("detail").asText()).isEqualTo("not a jar (zip) file");

        Http.Answer noVersion = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, jar(Map.of(
                "Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.noversion"), "x"), JAR);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.body().get("detail").asText()).contains("no Bundle-Version");

        // a bundle is streamed under the repository's limit (64 MiB), not buffered against the general 8 MiB one
        byte[] noise = new byte[9 * 1024 * 1024];
        new java.util.Random(7).nextBytes(noise);
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("noise.bin", noise);
        byte[] big = TestPlugins.jar(Map.of("Bundle-SymbolicName", "com.example.big" + UUID.randomUUID().toString().substring(0, 8),
                "Bundle-Version", "1.0.0"), entries);
        assertThat(big.length).isGreaterThan(9 * 1024 * 1024);
        Http.Answer bigOne = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, big, JAR);
        assertThat(bigOne.status()).as(bigOne.raw()).isEqualTo(201);
        assertThat(bigOne.body().get("length").asLong()).isEqualTo(big.length);

        Http.Answer takeover = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken,
                bundle("com.example.aptclaim", "1.0.0", "io.redflag.subsystem;ecosystem=apt", "mine now"), JAR);
        assertThat(takeover.status()).as("the server's own apt subsystem is not taken over").isEqualTo(409);
        assertThat(takeover.body().get("detail").asText()).contains("provided by io.redflag.scanner.apt");

        Http.Answer json = fleet.http.post("/api/v1/artifacts", fleet.operatorToken, Map.of("a", 1));
        assertThat(json.status()).isEqualTo(415);

        byte[] some = bundle("com.example.anyone", "1.0.0", null, "x");
        assertThat(fleet.http.postBytes("/api/v1/artifacts", null, some, JAR).status()).isEqualTo(401);
        String viewer = fleet.http.post("/api/v1/operator-tokens", fleet.operatorToken, Map.of("name", "artifact-viewer",
                "role", "viewer")).body().get("token").asText();
        String operator = fleet.http.post("/api/v1/operator-tokens", fleet.operatorToken, Map.of("name", "artifact-operator",
                "role", "operator")).body().get("token").asText();
        assertThat(fleet.http.postBytes("/api/v1/artifacts", viewer, some, JAR).status()).isEqualTo(403);
        Http.Answer notAdmin = fleet.http.postBytes("/api/v1/artifacts", operator, some, JAR);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.body().get("detail").asText()).contains("admin");
        assertThat(fleet.http.get("/api/v1/artifacts", viewer).status()).isEqualTo(200);

        Http.Answer unknown = fleet.http.get("/api/v1/artifacts/com.example.none/1.0.0", fleet.operatorToken);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("no artifact com.example.none 1.0.0");
        assertThat(fleet.http.getBytes("/api/v1/artifacts/com.example.none/x%00y/content", fleet.operatorToken, Map.of())
                .status()).isEqualTo(400);
    }

    @Test
    void theServerJarPublishesBundlesWithTheTokenFromAFile(@TempDir Path tmp)
            throws Exception {
        Fleet fleet = Fleet.get();
        String name = "com.example.cli" + UUID.randomUUID().toString().substring(0, 8);
        Path v1 = Files.write(tmp.resolve("v1.jar"), bundle(name, "1.0.0", null, "one"));
        Path clash = Files.write(tmp.resolve("clash.jar"), bundle(name, "1.0.0", null, "two"));
        Path token = Files.writeString(tmp.resolve("token"), fleet.operatorToken + "\n");

        Cli.Run first = serverJar("publish", v1.toString(), "--server", fleet.server.endpoint(), "--token-file", token.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("v1.jar published as " + name + " 1.0.0").contains(sha256(Files.readAllBytes(v1)));
        assertThat(first.out() + first.err()).doesNotContain(fleet.operatorToken);

        Cli.Run again = serverJar("publish", v1.toString(), clash.toString(), tmp.resolve("missing.jar").toString(),
                "--server", fleet.server.endpoint(), "--token-file", token.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("v1.jar already published as " + name + " 1.0.0");
        assertThat(again.err()).contains("clash.jar: refused (409 conflict)").contains("missing.jar: no such file");

        Cli.Run usage = serverJar("publish", "--server", fleet.server.endpoint(), "--token-file", token.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("name at least one bundle");
        Cli.Run noToken = serverJar("publish", v1.toString(), "--server", fleet.server.endpoint(), "--token-file",
                tmp.resolve("nothing").toString());
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err()).contains("no operator token");
        Cli.Run help = serverJar("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("redflag-server publish FILE.jar").contains("redflag.approvals.four.eyes")
                .contains("redflag.poll.interval.seconds");
    }

    static Cli.Run serverJar(String... args) throws Exception {
        return Cli.run("redflag.server.jar", args);
    }

    static byte[] bundle(String name, String version, String capability, String payload) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", name,
                "Bundle-Version", version));
        if (capability != null) {
            headers.put("Provide-Capability", capability);
        }
        return jar(headers, payload);
    }

    static byte[] jar(Map<String, String> headers, String payload) {
        return TestPlugins.jar(headers, Map.of("payload.txt", payload.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
