// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is always a TufException (MALFORMED, or TOO_LARGE over a cap), never anything else. */
class ClientMalformedTest extends ClientTestSupport {

    static Stream<Arguments> brokenDocuments() {
        return Stream.of("", "null", "[]", "42", "{", "{\"signed\":{}}", "{\"signed\":[],\"signatures\":[]}",
                "{\"signed\":{},\"signatures\":{}}", "{\"signed\":{},\"signatures\":[1]}",
                "{\"signed\":{},\"signatures\":[{\"keyid\":1,\"sig\":\"00\"}]}",
                "{\"signed\":{},\"signatures\":[{\"keyid\":\"a\"}]}",
                "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\"},\"signed\":{}}",
                "{\"signatures\":[],\"signed\":{}} trailing", "\u00ff\u00fe", "[".repeat(10_000))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("brokenDocuments")
    void brokenDocumentsAreMalformed(String document) throws Exception {
        refresh();
        repo.published.get(TIMESTAMP).add(document.getBytes(UTF_8));

        assertMalformed(TIMESTAMP);
    }

    static Stream<Arguments> brokenTimestamps() {
        return Stream.<Consumer<ObjectNode>>of(
                t -> t.remove("version"), t -> t.put("version", "2"),
                t -> t.put("version", 0), t -> t.put("version", BigInteger.TWO.pow(70)),
                t -> t.remove("expires"), t -> t.put("expires", "tomorrow"), t -> t.put("expires", 12),
                t -> t.put("spec_version", "2.0.0"), t -> t.put("spec_version", "1"), t -> t.put("_type", 5),
                t -> t.remove("meta"), t -> t.putArray("meta"), t -> t.putObject("meta"),
                t -> ((ObjectNode) t.at("/meta/snapshot.json")).put("version", "x"),
                t -> ((ObjectNode) t.at("/meta/snapshot.json")).put("length", -1),
                t -> ((ObjectNode) t.at("/meta/snapshot.json")).putObject("hashes"),
                t -> ((ObjectNode) t.at("/meta/snapshot.json")).putObject("hashes").put("sha256", 5))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("brokenTimestamps")
    void wellSignedButMalformedTimestampsAreRefused(Consumer<ObjectNode> breakIt) throws Exception {
        refresh();
        repo.tamper.put(TIMESTAMP, t -> {
            breakIt.accept(t);
            return t;
        });
        repo.publish(TIMESTAMP);

        assertMalformed(TIMESTAMP);
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("unsignableFields")
    void contentWithoutACanonicalFormIsMalformed(String field) throws Exception {
        refresh();
        repo.publish(TIMESTAMP);
        String text = new String(repo.latest(TIMESTAMP), UTF_8);
        repo.replaceLatest(TIMESTAMP, text.replace("\"_type\"", field + ", \"_type\"").getBytes(UTF_8));

        assertMalformed(TIMESTAMP);
    }

    static Stream<Arguments> unsignableFields() {
        return Stream.of("\"float\": 1.5", "\"exponent\": 1e3", "\"surrogate\": \"\\ud800\"").map(Arguments::of);
    }

    static Stream<Arguments> brokenRoots() {
        return Stream.<Consumer<ObjectNode>>of(
                r -> ((ObjectNode) r.get("roles")).remove(TARGETS), r -> r.putArray("keys"),
                r -> ((ObjectNode) r.get("keys").elements().next()).remove("keyval"),
                r -> ((ObjectNode) r.get("keys").elements().next()).put("keytype", 7),
                r -> ((ObjectNode) r.at("/roles/root")).put("threshold", 0),
                r -> ((ObjectNode) r.at("/roles/root")).put("keyids", "abc"),
                r -> r.put("consistent_snapshot", "yes"))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("brokenRoots")
    void wellSignedButMalformedRootsAreRefused(Consumer<ObjectNode> breakIt) throws Exception {
        repo.tamper.put(ROOT, r -> {
            breakIt.accept(r);
            return r;
        });
        repo.publish(ROOT);

        assertMalformed(ROOT);
        assertThat(trustedVersion(ROOT)).isEqualTo(1);
    }

    static Stream<Arguments> brokenTargets() {
        return Stream.<Consumer<ObjectNode>>of(
                t -> t.remove("targets"), t -> t.putObject("targets").put("a", 1),
                t -> t.putObject("targets").putObject("a").put("length", 1),
                t -> t.putObject("targets").putObject("a").putObject("hashes").put("sha256", "00"),
                t -> delegation(t, "snapshot").putArray("paths").add("*"),
                t -> delegation(t, "x").putArray("paths").add(1),
                t -> {
                    ObjectNode d = delegation(t, "x");
                    d.putArray("paths").add("*");
                    d.putArray("path_hash_prefixes").add("ab");
                },
                t -> {
                    delegation(t, "x").putArray("paths").add("*");
                    ((ArrayNode) t.at("/delegations/roles")).add(t.at("/delegations/roles/0").deepCopy());
                },
                t -> t.putObject("delegations").putObject("succinct_roles"))
                .map(Arguments::of);
    }

    static ObjectNode delegation(ObjectNode targets, String name) {
        ObjectNode d = targets.putObject("delegations");
        d.putObject("keys");
        ObjectNode role = d.putArray("roles").addObject();
        role.put("name", name).put("threshold", 1).put("terminating", false).putArray("keyids");
        return role;
    }

    @ParameterizedTest
    @MethodSource("brokenTargets")
    void wellSignedButMalformedTargetsAreRefused(Consumer<ObjectNode> breakIt) throws Exception {
        repo.tamper.put(TARGETS, t -> {
            breakIt.accept(t);
            return t;
        });
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        assertMalformed(TARGETS);
        assertThat(trustedVersion(TARGETS)).isNull();
    }

    @Test
    void aTimestampOverItsCapIsRefused() throws Exception {
        repo.tamper.put(TIMESTAMP, t -> t.put("padding", "x".repeat(20_000)));
        repo.publish(TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("16384 bytes");
    }

    @Test
    void aRootOverItsCapIsRefused() throws Exception {
        repo.publish(ROOT);
        TufClient client = TufClient.builder(metadataDir, repo).clock(Clock.fixed(SimulatedRepository.NOW,
                ZoneOffset.UTC)).rootMaxLength(repo.served(ROOT, 1).length + 10L).build();
        repo.tamper.put(ROOT, r -> r.put("padding", "x".repeat(100)));
        repo.publish(ROOT);

        TufException e = catchThrowableOf(client);

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(trustedVersion(ROOT)).isEqualTo(2);
    }

    @Test
    void aSnapshotLongerThanTheTimestampSaysIsCutOff() throws Exception {
        repo.computeHashesAndLength = true;
        repo.publish(SNAPSHOT, TIMESTAMP);
        refresh();
        repo.publish(SNAPSHOT);
        repo.tamper.put(TIMESTAMP, t -> {
            ObjectNode meta = (ObjectNode) t.at("/meta/snapshot.json");
            meta.put("length", meta.get("length").longValue() - 10);
            return t;
        });
        repo.publish(TIMESTAMP);

        assertThat(refreshFails().reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(2);
    }

    @Test
    void anEndlessTimestampIsCutOffAtTheCap() throws Exception {
        long[] read = {0};
        Fetcher endless = new Fetcher() {
            @Override
            public InputStream fetchMetadata(String fileName) throws IOException {
                if (!fileName.equals("timestamp.json")) {
                    return repo.fetchMetadata(fileName);
                }
                return new InputStream() {
                    @Override
                    public int read() {
                        read[0]++;
                        return ' ';
                    }
                };
            }

            @Override
            public InputStream fetchTarget(String path) throws IOException {
                return repo.fetchTarget(path);
            }
        };
        TufClient client = TufClient.builder(metadataDir, endless).clock(Clock.fixed(SimulatedRepository.NOW,
                ZoneOffset.UTC)).timestampMaxLength(1000).build();

        TufException e = catchThrowableOf(client);

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(read[0]).isEqualTo(1001);
    }

    @Test
    void aFetcherFailingInAnyWayIsAFetchFailure() throws Exception {
        Fetcher broken = new Fetcher() {
            @Override
            public InputStream fetchMetadata(String fileName) {
                throw new IllegalStateException("bug in a fetcher");
            }

            @Override
            public InputStream fetchTarget(String path) throws IOException {
                throw new IOException("connection reset");
            }
        };
        TufClient client = TufClient.builder(metadataDir, broken).build();

        assertThat(catchThrowableOf(client).reason()).isEqualTo(Reason.FETCH_FAILED);
    }

    @Test
    void anEmptyMetadataFolderSaysToInitializeIt() throws Exception {
        java.nio.file.Files.delete(metadataDir.resolve("root.json"));

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.METADATA_NOT_FOUND);
        assertThat(e.getMessage()).contains("initialize");
    }

    @Test
    void aCorruptStoredTimestampIsIgnoredAndReplaced() throws Exception {
        refresh();
        java.nio.file.Files.write(metadataDir.resolve("timestamp.json"), "{garbage".getBytes(UTF_8));
        java.nio.file.Files.write(metadataDir.resolve("snapshot.json"), new byte[0]);

        refresh();

        assertThat(trustedBytes(TIMESTAMP)).isEqualTo(repo.latest(TIMESTAMP));
        assertThat(trustedBytes(SNAPSHOT)).isEqualTo(repo.latest(SNAPSHOT));
    }

    private static TufException catchThrowableOf(TufClient client) {
        Throwable t = catchThrowable(client::refresh);
        assertThat(t).isInstanceOf(TufException.class);
        return (TufException) t;
    }

    private void assertMalformed(String role) {
        Throwable t = catchThrowable(() -> client().refresh());
        assertThat(t).isInstanceOf(TufException.class);
        TufException e = (TufException) t;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.MALFORMED);
        assertThat(e.role()).contains(role);
    }

    static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }
}
