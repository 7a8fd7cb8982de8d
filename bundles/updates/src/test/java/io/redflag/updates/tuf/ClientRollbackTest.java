// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.updates.tuf.TufException.Reason;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rollback and mix-and-match, after tuf-conformance's test_rollback.py. */
class ClientRollbackTest extends ClientTestSupport {

    @Test
    void aTimestampRollbackIsRefused() throws Exception {
        repo.publish(TIMESTAMP);
        refresh();
        repo.unpublish(TIMESTAMP);
        repo.timestamp.version(1);
        repo.publish(TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.ROLLBACK);
        assertThat(e.getMessage()).contains("had v2, got v1");
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(2);
        assertThat(repo.metadataRequests.get(repo.metadataRequests.size() - 1)).isEqualTo(TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSnapshotRollbackIsRefused(boolean hashes) throws Exception {
        repo.computeHashesAndLength = hashes;
        repo.publish(SNAPSHOT, TIMESTAMP);
        refresh();
        repo.unpublish(SNAPSHOT);
        repo.snapshot.version(1);
        repo.publish(SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.ROLLBACK);
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(2);
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(2);
        assertThat(repo.metadataRequests.get(repo.metadataRequests.size() - 1)).isEqualTo(TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTargetsRollbackIsRefused(boolean hashes) throws Exception {
        repo.computeHashesAndLength = hashes;
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        refresh();
        repo.unpublish(TARGETS);
        repo.targets.version(1);
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.ROLLBACK);
        assertThat(e.getMessage()).contains("targets.json");
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(2);
        assertThat(trustedVersion(TARGETS)).isEqualTo(2);
    }

    @Test
    void aRoleDisappearingFromSnapshotIsRefused() throws Exception {
        repo.addDelegation(TARGETS, "delegated", false, List.of("delegatedpath/*"));
        repo.publish("delegated", TARGETS, SNAPSHOT, TIMESTAMP);
        refresh();
        repo.snapshot.removeMeta("delegated");
        repo.publish(SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.ROLLBACK);
        assertThat(e.getMessage()).contains("no longer lists delegated.json");
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(2);
    }

    @Test
    void targetsOtherThanTheVersionSnapshotListsAreRefused() throws Exception {
        refresh();
        // snapshot v2 lists targets v2, but 2.targets.json holds version 3: mix-and-match
        repo.publish(TARGETS);
        repo.replaceLatest(TARGETS, signedTargetsOfVersion(3));
        repo.publish(SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH);
        assertThat(e.getMessage()).contains("snapshot lists targets v2 but the repository served v3");
        assertThat(trustedVersion(TARGETS)).isEqualTo(1);
    }

    @Test
    void aSnapshotOtherThanTheVersionTimestampListsIsRefused() throws Exception {
        refresh();
        repo.publish(SNAPSHOT);
        byte[] v2 = repo.latest(SNAPSHOT);
        repo.publish(SNAPSHOT, TIMESTAMP); // timestamp v2 lists snapshot v3
        repo.replaceLatest(SNAPSHOT, v2); // …but 3.snapshot.json serves v2

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH);
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(1);
    }

    private byte[] signedTargetsOfVersion(long version) throws Exception {
        return SignedMetadata.sign(repo.targets.build().put("version", version),
                repo.signers.get(TARGETS).values());
    }

    @Test
    void rotatingSnapshotKeysRecoversFromAFastForwardedTargetsVersion() throws Exception {
        repo.addDelegation(TARGETS, "delegated", false, List.of("delegatedpath/*"));
        repo.publish("delegated");
        for (int i = 0; i < 99; i++) {
            repo.publish(TARGETS);
        }
        repo.publish(SNAPSHOT, TIMESTAMP);
        refresh();
        assertThat(trustedVersion(TARGETS)).isEqualTo(100);

        repo.rotateKeys(SNAPSHOT);
        repo.unpublish(TARGETS);
        repo.targets.version(1);
        repo.snapshot.removeMeta("delegated");
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        refresh();
        assertThat(trustedVersion(TARGETS)).isEqualTo(1);
    }

    @Test
    void rotatingSnapshotAndTimestampKeysRecoversFromAFastForwardedSnapshot() throws Exception {
        for (int i = 0; i < 99; i++) {
            repo.publish(SNAPSHOT);
        }
        repo.publish(TIMESTAMP);
        refresh();
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(100);

        repo.rotateKeys(SNAPSHOT);
        repo.rotateKeys(TIMESTAMP);
        repo.unpublish(SNAPSHOT);
        repo.snapshot.version(1);
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        refresh();
        assertThat(trustedVersion(SNAPSHOT)).isEqualTo(1);
    }

    @Test
    void rotatingTimestampKeysRecoversFromAFastForwardedTimestamp() throws Exception {
        for (int i = 0; i < 99; i++) {
            repo.publish(TIMESTAMP);
        }
        refresh();
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(100);

        repo.rotateKeys(TIMESTAMP);
        repo.unpublish(TIMESTAMP);
        repo.timestamp.version(1);
        repo.publish(ROOT, TIMESTAMP);

        refresh();
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(1);
    }

    @Test
    void replacingOneOfTheSnapshotKeysAlsoForgetsTheStoredSnapshot() throws Exception {
        // snapshot: 1 of [k1, k2], signed by k1; an attacker holding k2 had fast-forwarded targets to v50
        Ed25519Signer k2 = repo.addKey(SNAPSHOT);
        repo.signers.get(SNAPSHOT).remove(k2.key().keyId());
        for (int i = 0; i < 49; i++) {
            repo.publish(TARGETS);
        }
        repo.publish(ROOT, SNAPSHOT, TIMESTAMP);
        refresh();
        assertThat(trustedVersion(TARGETS)).isEqualTo(50);

        // recovery: k2 is replaced by k3, targets start again from v1. The stored snapshot still verifies with k1,
        // so only deleting it (5.3.11) lets the client accept the recovered targets.
        repo.root.removeKey(SNAPSHOT, k2.key().keyId());
        repo.addKey(SNAPSHOT);
        repo.unpublish(TARGETS);
        repo.targets.version(1);
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        refresh();
        assertThat(trustedVersion(TARGETS)).isEqualTo(1);
    }

    @Test
    void withoutAKeyRotationAFastForwardedTimestampIsKept() throws Exception {
        for (int i = 0; i < 9; i++) {
            repo.publish(TIMESTAMP);
        }
        refresh();
        repo.unpublish(TIMESTAMP);
        repo.timestamp.version(1);
        repo.publish(ROOT, TIMESTAMP); // a new root, but the same timestamp keys

        assertThat(refreshFails().reason()).isEqualTo(Reason.ROLLBACK);
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(10);
    }
}
