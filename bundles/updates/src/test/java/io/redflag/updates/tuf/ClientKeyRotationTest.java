// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.updates.tuf.TufException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Key rotations, after tuf-conformance's test_updater_key_rotations.py. */
class ClientKeyRotationTest extends ClientTestSupport {

    /** One version of a role: which of the ten test keys it lists, its threshold, which keys sign it. */
    record Version(List<Integer> keys, int threshold, List<Integer> sigs, boolean accepted) {
        static Version of(List<Integer> keys, int threshold, List<Integer> sigs) {
            return new Version(keys, threshold, sigs, true);
        }

        static Version refused(List<Integer> keys, int threshold, List<Integer> sigs) {
            return new Version(keys, threshold, sigs, false);
        }
    }

    static final List<Ed25519Signer> KEYS = Stream.generate(Ed25519Signer::generate).limit(10).toList();

    static Stream<Arguments> rootRotations() {
        return Stream.of(
                Arguments.of("1-of-1 rotation", List.of(Version.of(List.of(1), 1, List.of(1)),
                        Version.of(List.of(2), 1, List.of(2, 1)), Version.of(List.of(2), 1, List.of(2)))),
                Arguments.of("1-of-1 rotation, unused signatures", List.of(Version.of(List.of(1), 1, List.of(3, 1, 4)),
                        Version.of(List.of(2), 1, List.of(3, 2, 1, 4)), Version.of(List.of(2), 1, List.of(3, 2, 4)))),
                Arguments.of("3-of-5, other key combinations", List.of(
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4)),
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 4, 1)),
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 1, 3)))),
                Arguments.of("3-of-5, one key rotated", List.of(
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4)),
                        Version.of(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4, 1)))),
                Arguments.of("3-of-5, all keys rotated through an intermediate step", List.of(
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4)),
                        Version.of(List.of(5, 6, 7, 8, 9), 3, List.of(0, 2, 4, 5, 6, 7)),
                        Version.of(List.of(5, 6, 7, 8, 9), 3, List.of(5, 6, 7)))),
                Arguments.of("threshold 1-of-3 raised to 2-of-3", List.of(
                        Version.of(List.of(1, 2, 3), 1, List.of(1)), Version.of(List.of(1, 2, 3), 2, List.of(1, 2)))),
                Arguments.of("threshold 2-of-3 lowered to 1-of-3", List.of(
                        Version.of(List.of(1, 2, 3), 2, List.of(1, 2)), Version.of(List.of(1, 2, 3), 1, List.of(1, 2)),
                        Version.of(List.of(1, 2, 3), 1, List.of(1)))),
                Arguments.of("refused: not signed by the old key", List.of(Version.of(List.of(1), 1, List.of(1)),
                        Version.refused(List.of(2), 1, List.of(2, 3, 4)))),
                Arguments.of("refused: not signed by the new key", List.of(Version.of(List.of(1), 1, List.of(1)),
                        Version.refused(List.of(2), 1, List.of(1, 3, 4)))),
                Arguments.of("refused: not signed by 3 new keys", List.of(
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4)),
                        Version.refused(List.of(0, 1, 3, 4, 5), 3, List.of(0, 2, 4)))),
                Arguments.of("refused: not signed by 3 old keys", List.of(
                        Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4)),
                        Version.refused(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4, 5)))),
                Arguments.of("refused: new threshold not reached", List.of(
                        Version.of(List.of(1, 2, 3), 1, List.of(1)), Version.refused(List.of(1, 2, 3), 2, List.of(2)))),
                Arguments.of("refused: old threshold not reached", List.of(
                        Version.of(List.of(1, 2, 3), 2, List.of(1, 2)), Version.refused(List.of(1, 2, 3), 1, List.of(1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootRotations")
    void rootRotation(String name, List<Version> versions) throws Exception {
        repo.unpublish(ROOT);
        repo.root.version(1);
        for (Version v : versions) {
            setRole(ROOT, v);
            repo.publish(ROOT);
        }
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);
        TufClient.initialize(metadataDir, repo.served(ROOT, 1));

        Version last = versions.get(versions.size() - 1);
        if (last.accepted()) {
            refresh();
            assertThat(trustedBytes(ROOT)).isEqualTo(repo.latest(ROOT));
        } else {
            TufException e = refreshFails();
            assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
            assertThat(trustedBytes(ROOT)).isEqualTo(repo.served(ROOT, versions.size() - 1));
        }
    }

    static Stream<Arguments> otherRotations() {
        return Stream.of(
                Arguments.of("1-of-1 rotation", Version.of(List.of(2), 1, List.of(2))),
                Arguments.of("1-of-1, unused signatures", Version.of(List.of(1), 1, List.of(3, 1, 4))),
                Arguments.of("refused: not signed by the new key", Version.refused(List.of(2), 1, List.of(1, 3, 4))),
                Arguments.of("refused: 3-of-5 signed by the wrong keys",
                        Version.refused(List.of(0, 1, 3, 4, 5), 3, List.of(0, 2, 4))),
                Arguments.of("refused: 2 signatures for a threshold of 3",
                        Version.refused(List.of(0, 1, 3, 4, 5), 3, List.of(0, 4))),
                Arguments.of("3-of-5 first combination", Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(0, 2, 4))),
                Arguments.of("3-of-5 second combination", Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(1, 2, 3))),
                Arguments.of("3-of-5 third combination", Version.of(List.of(0, 1, 2, 3, 4), 3, List.of(2, 3, 4))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRotations")
    void topLevelRoleRotation(String name, Version version) throws Exception {
        for (String role : List.of(TIMESTAMP, SNAPSHOT, TARGETS)) {
            setRole(role, version);
            repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);
            if (version.accepted()) {
                refresh();
                assertThat(trustedBytes(role)).as(role).isEqualTo(repo.latest(role));
            } else {
                assertThat(refreshFails().reason()).as(role).isEqualTo(Reason.THRESHOLD_NOT_MET);
            }
        }
    }

    private void setRole(String role, Version v) {
        repo.root.clearKeys(role);
        repo.signers.computeIfAbsent(role, r -> new java.util.LinkedHashMap<>()).clear();
        repo.root.threshold(role, v.threshold());
        v.keys().forEach(i -> repo.root.addKey(role, KEYS.get(i).key()));
        v.sigs().forEach(i -> repo.addSigner(role, KEYS.get(i)));
    }

    @Test
    void anAgentOfflineForSeveralRotationsCatchesUp() throws Exception {
        List<Ed25519Signer> rootKeys = new ArrayList<>(repo.signers.get(ROOT).values().stream()
                .map(Ed25519Signer.class::cast).toList());
        for (int i = 0; i < 6; i++) {
            // each version: a new key, signed by the previous key and the new one
            Ed25519Signer next = Ed25519Signer.generate();
            repo.root.clearKeys(ROOT);
            repo.root.addKey(ROOT, next.key());
            repo.signers.get(ROOT).clear();
            repo.addSigner(ROOT, rootKeys.get(rootKeys.size() - 1));
            repo.addSigner(ROOT, next);
            rootKeys.add(next);
            repo.publish(ROOT);
        }

        refresh();

        assertThat(trustedVersion(ROOT)).isEqualTo(7);
        assertThat(repo.metadataRequests).startsWith("root:2", "root:3", "root:4", "root:5", "root:6", "root:7",
                "root:8");
    }

    @Test
    void aRotatedRootByTooFewOldKeysIsRefusedAndTheChainStopsThere() throws Exception {
        Ed25519Signer second = repo.addKey(ROOT);
        repo.root.threshold(ROOT, 2);
        repo.publish(ROOT); // v2: 2-of-2, signed by both
        refresh();
        repo.signers.get(ROOT).remove(second.key().keyId());
        repo.root.threshold(ROOT, 1);
        repo.publish(ROOT); // v3: 1-of-2, but v2 demands 2 signatures

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
        assertThat(e.getMessage()).contains("3.root.json (keys of trusted root v2): 1 valid signature(s) of 2 needed");
        assertThat(trustedVersion(ROOT)).isEqualTo(2);
    }

    @Test
    void rotationsBeyondTheLimitAreLeftForTheNextRefresh() throws Exception {
        for (int i = 0; i < 5; i++) {
            repo.publish(ROOT);
        }
        TufClient.builder(metadataDir, repo).clock(java.time.Clock.fixed(SimulatedRepository.NOW,
                java.time.ZoneOffset.UTC)).maxRootRotations(3).build().refresh();

        assertThat(trustedVersion(ROOT)).isEqualTo(4);
        refresh();
        assertThat(trustedVersion(ROOT)).isEqualTo(6);
    }
}
