// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The top-level workflow, after tuf-conformance's test_basic.py. */
class ClientBasicTest extends ClientTestSupport {

    @Test
    void aFirstRefreshFetchesEachTopLevelRoleOnceAndStoresTheServedBytes() throws Exception {
        refresh();

        assertThat(repo.metadataRequests).containsExactly("root:2", "timestamp", "snapshot:1", "targets:1");
        for (String role : List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS)) {
            assertThat(trustedBytes(role)).as(role).isEqualTo(repo.latest(role));
        }
    }

    @Test
    void anUnchangedRepositoryIsNotDownloadedAgain() throws Exception {
        refresh();
        repo.metadataRequests.clear();

        refresh();

        assertThat(repo.metadataRequests).containsExactly("root:2", "timestamp");
    }

    @Test
    void theServedBytesAreStoredAsTheyCame() throws Exception {
        byte[] odd = (new String(repo.latest(TIMESTAMP), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        repo.replaceLatest(TIMESTAMP, odd);

        refresh();

        assertThat(trustedBytes(TIMESTAMP)).isEqualTo(odd);
    }

    @Test
    void aLookupBeforeAnyRefreshRefreshesFirst() throws Exception {
        assertThat(client().targetInfo("nonexistent artifact")).isEmpty();

        assertThat(repo.metadataRequests).containsExactly("root:2", "timestamp", "snapshot:1", "targets:1");
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 1, SNAPSHOT, 1, TARGETS, 1, TIMESTAMP, 1));
    }

    @Test
    void anInvalidTrustedRootFailsBeforeAnyRequest() throws Exception {
        ObjectNode md = Json.parseObject(repo.served(ROOT, 1), null);
        ((ObjectNode) md.get("signed")).remove("version");
        TufClient.initialize(metadataDir, Json.MAPPER.writeValueAsBytes(md));

        assertThat(refreshFails().reason()).isEqualTo(Reason.MALFORMED);
        assertThat(repo.metadataRequests).isEmpty();
    }

    @Test
    void anUnsignedTrustedRootFailsBeforeAnyRequest() throws Exception {
        ObjectNode md = Json.parseObject(repo.served(ROOT, 1), null);
        ((ObjectNode) md.get("signatures").get(0)).put("sig", "00".repeat(64));
        TufClient.initialize(metadataDir, Json.MAPPER.writeValueAsBytes(md));

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
        assertThat(e.getMessage()).contains("0 valid signature(s) of 1 needed");
        assertThat(repo.metadataRequests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {ROOT, TIMESTAMP, SNAPSHOT, TARGETS})
    void unsignedMetadataIsRefusedAndWhatCameBeforeItKept(String role) throws Exception {
        repo.signers.get(role).clear();
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
        assertThat(e.role()).contains(role);
        Map<String, Long> expected = switch (role) {
            case ROOT -> roles(ROOT, 1);
            case TIMESTAMP -> roles(ROOT, 2);
            case SNAPSHOT -> roles(ROOT, 2, TIMESTAMP, 2);
            default -> roles(ROOT, 2, SNAPSHOT, 2, TIMESTAMP, 2);
        };
        assertThat(trustedRoles()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {ROOT, SNAPSHOT, TARGETS})
    void metadataWhoseVersionIsNotTheOneAskedForIsRefused(String role) throws Exception {
        repo.setVersion(role, repo.version(role) + 1); // 2.<role>.json will say version 3
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        Map<String, Long> expected = switch (role) {
            case ROOT -> roles(ROOT, 1);
            case SNAPSHOT -> roles(ROOT, 2, TIMESTAMP, 2);
            default -> roles(ROOT, 2, SNAPSHOT, 2, TIMESTAMP, 2);
        };
        assertThat(trustedRoles()).isEqualTo(expected);
        if (role.equals(ROOT)) {
            assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH);
        }
    }

    @Test
    void aTimestampChangedWithoutANewVersionIsIgnored() throws Exception {
        refresh();
        repo.timestamp.snapshot(100);
        repo.unpublish(TIMESTAMP);
        repo.publish(TIMESTAMP); // a different v1

        refresh();

        assertThat(repo.metadataRequests.get(repo.metadataRequests.size() - 1)).isEqualTo("timestamp");
        // the trusted timestamp still names snapshot version 1, not the 100 of the different v1 (read as JSON: its
        // signature's hex may hold "100" by chance)
        assertThat(Json.parseObject(trustedBytes(TIMESTAMP), "timestamp").at("/signed/meta/snapshot.json/version").asLong())
                .isEqualTo(1);
    }

    @Test
    void metadataHashesAndLengthsAreChecked() throws Exception {
        repo.computeHashesAndLength = true;
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        refresh();

        repo.publish(TARGETS);
        ObjectNode bad = repo.snapshot.build();
        assertThat(bad.at("/meta/targets.json/hashes/sha256").isTextual()).isTrue();
        repo.tamper.put(SNAPSHOT, s -> {
            ((ObjectNode) s.at("/meta/targets.json/hashes")).put("sha256", "0".repeat(64));
            return s;
        });
        repo.publish(SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.LENGTH_OR_HASH_MISMATCH);
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(3);
        assertThat(trustedVersion(TARGETS)).isEqualTo(2);
    }

    @Test
    void aSnapshotNotMatchingTheTimestampsHashIsRefused() throws Exception {
        repo.computeHashesAndLength = true;
        repo.publish(SNAPSHOT, TIMESTAMP);
        refresh();
        repo.publish(SNAPSHOT);
        repo.tamper.put(TIMESTAMP, t -> {
            ((ObjectNode) t.at("/meta/snapshot.json/hashes")).put("sha256", "0".repeat(64));
            return t;
        });
        repo.publish(TIMESTAMP);

        assertThat(refreshFails().reason()).isEqualTo(Reason.LENGTH_OR_HASH_MISMATCH);
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(3);
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(2);
    }

    @Test
    void unknownFieldsAreSignedOverAndOtherwiseIgnored() throws Exception {
        refresh();
        repo.tamper.put(ROOT, r -> {
            r.put("custom-field", "value");
            ((ObjectNode) r.at("/roles/root")).put("another-field", "value");
            ((ObjectNode) r.get("keys").elements().next()).putObject("extra-field").put("a", 1).put("b", 2);
            return r;
        });
        repo.publish(ROOT);

        refresh();

        assertThat(trustedVersion(ROOT)).isEqualTo(2);
    }

    @Test
    void aMissingSnapshotFailsButTheNewTimestampIsKept() throws Exception {
        refresh();
        repo.timestamp.snapshot(2);
        repo.publish(TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.METADATA_NOT_FOUND);
        assertThat(repo.metadataRequests.get(repo.metadataRequests.size() - 1)).isEqualTo("snapshot:2");
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 1, SNAPSHOT, 1, TARGETS, 1, TIMESTAMP, 2));
    }

    @Test
    void aMissingTargetsFailsButTheNewSnapshotIsKept() throws Exception {
        refresh();
        repo.snapshot.meta(TARGETS, 2);
        repo.publish(SNAPSHOT, TIMESTAMP);

        assertThat(refreshFails().reason()).isEqualTo(Reason.METADATA_NOT_FOUND);
        assertThat(repo.metadataRequests.get(repo.metadataRequests.size() - 1)).isEqualTo("targets:2");
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 1, SNAPSHOT, 2, TARGETS, 1, TIMESTAMP, 2));
    }

    @Test
    void aMissingTimestampFails() throws Exception {
        refresh();
        repo.unpublish(TIMESTAMP);

        assertThat(refreshFails().reason()).isEqualTo(Reason.METADATA_NOT_FOUND);
    }

    @Test
    void metadataOfAnotherTypeIsRefusedEvenWhenValidlySigned() throws Exception {
        // a snapshot that would pass for a timestamp: signed by the timestamp key too, listing snapshot.json
        repo.addSigner(SNAPSHOT, repo.signers.get(TIMESTAMP).values().iterator().next());
        repo.root.addKey(SNAPSHOT, repo.signers.get(TIMESTAMP).values().iterator().next().key());
        repo.tamper.put(SNAPSHOT, s -> {
            s.putObject("meta").putObject("snapshot.json").put("version", 1);
            return s;
        });
        repo.publish(ROOT, SNAPSHOT);
        repo.published.get(TIMESTAMP).add(repo.published.get(SNAPSHOT).remove(1));

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("_type is 'snapshot', expected 'timestamp'");
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 2));
    }

    @Test
    void aRepositoryWithoutConsistentSnapshotsIsReadUnversioned() throws Exception {
        repo.root.consistentSnapshot(false);
        repo.addArtifact(TARGETS, "a.txt", "a".getBytes(StandardCharsets.UTF_8));
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        byte[] content = java.nio.file.Files.readAllBytes(download("a.txt"));

        assertThat(repo.metadataRequests).containsExactly("root:2", "root:3", "timestamp", "snapshot", "targets");
        assertThat(repo.targetRequests).containsExactly("a.txt");
        assertThat(Arrays.equals(content, "a".getBytes(StandardCharsets.UTF_8))).isTrue();
    }
}
