// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.internal.Hashes;
import io.redflag.updates.tuf.internal.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Target downloads, after tuf-conformance's test_file_download.py. */
class ClientDownloadTest extends ClientTestSupport {

    @Test
    void aTargetIsDownloadedByItsHashPrefixedNameAndVerified() throws Exception {
        byte[] content = "target file contents".getBytes(UTF_8);
        ObjectNode custom = JsonNodeFactory.instance.objectNode().put("bundle", "io.acme.scanner").put("version", "1.2.0");
        repo.targets.addTarget("target_file.txt", content, custom);
        repo.artifacts.put("target_file.txt", content);
        repo.artifactHashes.put("target_file.txt", Map.of("sha256", Hashes.sha256Hex(content)));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        TufClient client = client();
        client.refresh();

        TargetInfo info = client.targetInfo("target_file.txt").orElseThrow();
        Path file = client.download(info, targetDir);

        assertThat(info.length()).isEqualTo(content.length);
        assertThat(info.hashes()).containsEntry("sha256", Hashes.sha256Hex(content));
        assertThat(info.custom()).contains(custom);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(repo.targetRequests).containsExactly("target_file.txt@" + Hashes.sha256Hex(content));
        assertThat(targetFiles()).containsExactly(file); // no temporary file left behind
    }

    @Test
    void aTargetInADirectoryKeepsItsDirectoryInTheUrlAndIsStoredFlat() throws Exception {
        byte[] content = "nested".getBytes(UTF_8);
        repo.addArtifact(TARGETS, "path/to/a/target_file.txt", content);
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        Path file = download("path/to/a/target_file.txt");

        assertThat(repo.targetRequests).containsExactly("path/to/a/target_file.txt@" + Hashes.sha256Hex(content));
        assertThat(file.getParent()).isEqualTo(targetDir);
        assertThat(file.getFileName().toString()).isEqualTo("path%2Fto%2Fa%2Ftarget_file.txt");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void aSubstitutedTargetIsNeverStored() throws Exception {
        repo.addArtifact(TARGETS, "one.txt", "target file contents".getBytes(UTF_8));
        repo.addArtifact(TARGETS, "two.txt", "content".getBytes(UTF_8));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        Path one = download("one.txt");
        repo.artifacts.put("one.txt", "malicious data - should not download".getBytes(UTF_8));
        repo.artifacts.put("two.txt", "malicious data - should not download".getBytes(UTF_8));

        download("one.txt"); // the cached, verified copy
        TufException e = downloadFails("two.txt");

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE); // longer than the signed 7 bytes
        assertThat(targetFiles()).containsExactly(one);
        assertThat(Files.readString(one)).isEqualTo("target file contents");
    }

    @Test
    void aWrongHashOfTheRightLengthIsRefused() throws Exception {
        repo.addArtifact(TARGETS, "a.jar", "good".getBytes(UTF_8));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        repo.artifacts.put("a.jar", "evil".getBytes(UTF_8));

        TufException e = downloadFails("a.jar");

        assertThat(e.reason()).isEqualTo(Reason.LENGTH_OR_HASH_MISMATCH);
        assertThat(e.getMessage()).contains("sha256");
        assertThat(targetFiles()).isEmpty();
    }

    @Test
    void aShorterTargetIsRefused() throws Exception {
        repo.addArtifact(TARGETS, "a.jar", "good".getBytes(UTF_8));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        repo.artifacts.put("a.jar", "go".getBytes(UTF_8));

        assertThat(downloadFails("a.jar").getMessage()).contains("has 2 bytes, its metadata says 4");
        assertThat(targetFiles()).isEmpty();
    }

    @Test
    void endlessDataIsCutOffOneByteAfterTheSignedLength() throws Exception {
        repo.addArtifact(TARGETS, "big.jar", new byte[1000]);
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        repo.artifactStreams.put("big.jar", () -> new InputStream() {
            @Override
            public int read() {
                return 0;
            }
        });

        TufException e = downloadFails("big.jar");

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(repo.targetBytesRead).isEqualTo(1001);
        assertThat(targetFiles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "sha512", "sha256,sha512", "sha512,sha256"})
    void anyListedHashAlgorithmsAreAllChecked(String algorithms) throws Exception {
        byte[] content = "target file contents".getBytes(UTF_8);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String a : algorithms.split(",")) {
            hashes.put(a, Hex.encode(Hashes.digest(a).digest(content)));
        }
        repo.targets.addTarget("t.txt", content.length, hashes, null);
        repo.artifacts.put("t.txt", content);
        repo.artifactHashes.put("t.txt", hashes);
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        assertThat(Files.readAllBytes(download("t.txt"))).isEqualTo(content);
        assertThat(repo.targetRequests).hasSize(1);
        assertThat(hashes.values()).contains(repo.targetRequests.get(0).substring("t.txt@".length()));
    }

    @Test
    void anUnknownHashAlgorithmCannotBeVerifiedSoTheTargetIsRefused() throws Exception {
        byte[] content = "target file contents".getBytes(UTF_8);
        Map<String, String> hashes = Map.of("unknown-hash", Hex.encode(Hashes.digest("sha512").digest(content)));
        repo.targets.addTarget("t.txt", content.length, hashes, null);
        repo.artifacts.put("t.txt", content);
        repo.artifactHashes.put("t.txt", hashes);
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = downloadFails("t.txt");

        assertThat(e.reason()).isEqualTo(Reason.LENGTH_OR_HASH_MISMATCH);
        assertThat(e.getMessage()).contains("unknown-hash");
        assertThat(targetFiles()).isEmpty();
    }

    @Test
    void aVerifiedCopyIsNotDownloadedAgain() throws Exception {
        repo.addArtifact(TARGETS, "a.txt", "a".getBytes(UTF_8));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        download("a.txt");
        download("a.txt");

        assertThat(repo.targetRequests).hasSize(1);
    }

    @Test
    void aChangedTargetReplacesTheOldCopyAndATamperedOneNeverDoes() throws Exception {
        repo.addArtifact(TARGETS, "a.txt", "v0".getBytes(UTF_8));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        download("a.txt");
        for (int i = 1; i <= 3; i++) {
            repo.addArtifact(TARGETS, "a.txt", ("modified " + i).getBytes(UTF_8));
            repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
            Path file = download("a.txt");
            assertThat(Files.readString(file)).isEqualTo("modified " + i);

            repo.artifacts.put("a.txt", ("malicious " + i).getBytes(UTF_8));
            repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
            download("a.txt"); // the cached copy still matches the metadata
            assertThat(Files.readString(file)).isEqualTo("modified " + i);
        }
        assertThat(targetFiles()).hasSize(1);
    }

    @Test
    void aTargetTheRepositoryLacksIsNotFound() throws Exception {
        repo.targets.addTarget("ghost.txt", new byte[] {1});
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        assertThat(downloadFails("ghost.txt").reason()).isEqualTo(Reason.TARGET_NOT_FOUND);
        assertThat(client().targetInfo("nothing")).isEmpty();
    }

    @Test
    void withoutHashPrefixesTargetsAreFetchedByName() throws Exception {
        repo.root.consistentSnapshot(false);
        repo.addArtifact(TARGETS, "dir/a.txt", "a".getBytes(UTF_8));
        repo.publish(RepositoryLayout.ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        download("dir/a.txt");

        assertThat(repo.targetRequests).containsExactly("dir/a.txt");
    }

    private List<Path> targetFiles() throws IOException {
        try (Stream<Path> files = Files.list(targetDir)) {
            return files.toList();
        }
    }
}
