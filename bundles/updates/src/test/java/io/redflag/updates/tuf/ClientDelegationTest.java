// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.internal.Hashes;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Delegations, after tuf-conformance's test_updater_delegation_graphs.py and test_quoting_issues.py. */
class ClientDelegationTest extends ClientTestSupport {

    /** A delegation: delegator, role, terminating, paths. */
    record D(String from, String role, boolean terminating, List<String> paths) {
        static D of(String from, String role) {
            return new D(from, role, false, List.of("*"));
        }

        static D terminating(String from, String role) {
            return new D(from, role, true, List.of("*"));
        }

        static D paths(String from, String role, String... paths) {
            return new D(from, role, false, List.of(paths));
        }
    }

    private void build(List<D> graph) {
        Set<String> modified = new LinkedHashSet<>();
        for (D d : graph) {
            repo.addDelegation(d.from(), d.role(), d.terminating(), d.paths());
            modified.add(d.role());
            modified.add(d.from());
        }
        List<String> roles = new ArrayList<>(modified);
        roles.add(SNAPSHOT);
        roles.add(TIMESTAMP);
        repo.publish(roles.toArray(String[]::new));
    }

    static Stream<Arguments> graphs() {
        return Stream.of(
                Arguments.of("basic", List.of(D.of(TARGETS, "A")), List.of("A")),
                Arguments.of("single level", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B")), List.of("A", "B")),
                Arguments.of("two levels", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B"), D.of("B", "C")),
                        List.of("A", "B", "C")),
                Arguments.of("depth first", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B"), D.of("A", "C"),
                        D.of("A", "D")), List.of("A", "C", "D", "B")),
                Arguments.of("depth first, three levels", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B"),
                        D.of("A", "C"), D.of("C", "D")), List.of("A", "C", "D", "B")),
                Arguments.of("terminating stops all but its descendants", List.of(D.of(TARGETS, "A"),
                        D.of(TARGETS, "B"), D.terminating("A", "C"), D.of("A", "D")), List.of("A", "C")),
                Arguments.of("terminating, three levels", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B"),
                        D.terminating("A", "C"), D.of("C", "D")), List.of("A", "C", "D")),
                Arguments.of("branches not matching the path are skipped", List.of(D.paths(TARGETS, "A", "*.py"),
                        D.of(TARGETS, "B"), D.of("A", "C")), List.of("B")),
                Arguments.of("deeper branches not matching are skipped", List.of(D.of(TARGETS, "A"),
                        D.of(TARGETS, "B"), D.paths("A", "C", "*.py"), D.of("C", "D")), List.of("A", "B")),
                Arguments.of("cycle", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B"), D.of("B", "C"),
                        D.of("C", "D"), D.of("D", "B")), List.of("A", "B", "C", "D")),
                Arguments.of("two roles delegating to a third", List.of(D.of(TARGETS, "A"), D.of(TARGETS, "B"),
                        D.of("B", "C"), D.of("A", "C")), List.of("A", "C", "B")),
                Arguments.of("two roles delegating to a third, other paths", List.of(D.of(TARGETS, "A"),
                        D.of(TARGETS, "B"), D.of("B", "C"), D.paths("A", "C", "*.py")), List.of("A", "B", "C")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void rolesAreVisitedPreOrderDepthFirst(String name, List<D> graph, List<String> visited) throws Exception {
        build(graph);

        assertThat(downloadFails("missingpath").reason()).isEqualTo(Reason.TARGET_NOT_FOUND);

        assertThat(repo.metadataRequests.subList(4, repo.metadataRequests.size()))
                .containsExactlyElementsOf(visited.stream().map(r -> r + ":1").toList());
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("targetfile", true, List.of()),
                Arguments.of("README.md", true, List.of("A")),
                Arguments.of("releases/x/x_v1", true, List.of("B", "C")),
                Arguments.of("releases/y/y_v1.zip", true, List.of("B", "D")),
                Arguments.of("releases/z/z_v1.zip", false, List.of("B")),
                Arguments.of("releases/README.md", false, List.of()),
                Arguments.of("foo-1.tgz", true, List.of("A")),
                Arguments.of("foo-alpha.tgz", false, List.of()),
                Arguments.of("README.MD", false, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void targetsAreFoundOnlyThroughRolesTrustedForTheirPath(String path, boolean found, List<String> visited)
            throws Exception {
        repo.addDelegation(TARGETS, "A", false, List.of("*.doc", "*.md", "foo-?.tgz"));
        repo.addDelegation(TARGETS, "B", false, List.of("releases/*/*"));
        repo.addDelegation("B", "C", false, List.of("releases/x/*"));
        repo.addDelegation("B", "D", false, List.of("releases/y/*.zip"));
        repo.addArtifact(TARGETS, "targetfile", "targetfile content".getBytes(UTF_8));
        repo.addArtifact("A", "README.md", "README by A".getBytes(UTF_8));
        repo.addArtifact("A", "releases/README.md", "nested README by A".getBytes(UTF_8));
        repo.addArtifact("A", "foo-1.tgz", "foo 1".getBytes(UTF_8));
        repo.addArtifact("A", "foo-alpha.tgz", "foo alpha".getBytes(UTF_8));
        repo.addArtifact("C", "releases/x/x_v1", "x release by C".getBytes(UTF_8));
        repo.addArtifact("D", "releases/y/y_v1.zip", "y release by D".getBytes(UTF_8));
        repo.addArtifact("D", "releases/z/z_v1.zip", "z release by D".getBytes(UTF_8));
        repo.publish("A", "B", "C", "D", TARGETS, SNAPSHOT, TIMESTAMP);

        if (found) {
            assertThat(Files.readAllBytes(download(path))).isEqualTo(repo.artifacts.get(path));
        } else {
            assertThat(downloadFails(path).reason()).isEqualTo(Reason.TARGET_NOT_FOUND);
        }
        assertThat(repo.metadataRequests.subList(4, repo.metadataRequests.size()))
                .containsExactlyElementsOf(visited.stream().map(r -> r + ":1").toList());
    }

    @Test
    void aRoleReachedFromAnotherDelegatorIsVerifiedAgainstThatDelegatorsKeys() throws Exception {
        repo.addDelegation(TARGETS, "parent-a", false, List.of("team-a/*"));
        repo.addDelegation(TARGETS, "parent-b", false, List.of("team-b/*"));
        repo.addDelegation("parent-a", "release", false, List.of("team-a/*"));
        Ed25519Signer bKey = repo.addDelegation("parent-b", "release", false, List.of("team-b/*"));
        repo.signers.get("release").remove(bKey.key().keyId()); // release is signed only by parent-a's key
        repo.addArtifact("release", "team-a/trusted_root.json", "trusted A".getBytes(UTF_8));
        repo.addArtifact("release", "team-b/trusted_root.json", "malicious B".getBytes(UTF_8));
        repo.publish("release", "parent-a", "parent-b", TARGETS, SNAPSHOT, TIMESTAMP);
        TufClient client = client();
        client.refresh();

        assertThat(client.targetInfo("team-a/trusted_root.json")).isPresent();
        TufException e = org.assertj.core.api.Assertions.catchThrowableOfType(TufException.class,
                () -> client.targetInfo("team-b/trusted_root.json"));

        assertThat(e.reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
        assertThat(e.getMessage()).contains("keys set by parent-b");
    }

    @Test
    void aDelegatedRoleSnapshotDoesNotListIsNeitherFetchedNorTrusted() throws Exception {
        repo.addDelegation(TARGETS, "delegated", false, List.of("delegatedpath/*"));
        repo.publish("delegated", TARGETS);
        repo.snapshot.removeMeta("delegated");
        repo.publish(SNAPSHOT, TIMESTAMP);
        refresh();
        repo.metadataRequests.clear();

        TufException e = downloadFails("delegatedpath/foo");

        assertThat(e.reason()).isEqualTo(Reason.METADATA_NOT_FOUND);
        assertThat(trustedVersion("delegated")).isNull();
        assertThat(repo.metadataRequests).containsExactly("root:2", "timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?", "#", "/delegatedrole", "../delegatedrole", "plug-ins/acme corp", "ünï"})
    void unusualRoleNamesAreEncodedInRequestsAndFileNames(String role) throws Exception {
        repo.addDelegation(TARGETS, role, false, List.of("*"));
        repo.addKey(role);
        repo.publish(role, TARGETS, SNAPSHOT, TIMESTAMP);

        assertThat(downloadFails("nonexistent target").reason()).isEqualTo(Reason.TARGET_NOT_FOUND);

        String encoded = RepositoryLayout.encodeRoleName(role);
        assertThat(repo.metadataRequests).contains(encoded + ":1");
        assertThat(trustedRoles()).hasSize(5).containsEntry(encoded, 1L);
        try (Stream<java.nio.file.Path> all = Files.walk(metadataDir)) {
            assertThat(all.filter(Files::isRegularFile).allMatch(p -> p.getParent().equals(metadataDir))).isTrue();
        }
    }

    @Test
    void aSearchVisitsAtMostTheConfiguredNumberOfRoles() throws Exception {
        List<D> chain = new ArrayList<>();
        String from = TARGETS;
        for (int i = 0; i < 6; i++) {
            chain.add(D.of(from, "r" + i));
            from = "r" + i;
        }
        build(chain);
        repo.addArtifact("r5", "deep.txt", "deep".getBytes(UTF_8));
        repo.publish("r5", SNAPSHOT, TIMESTAMP);

        TufClient limited = TufClient.builder(metadataDir, repo).clock(Clock.fixed(SimulatedRepository.NOW,
                ZoneOffset.UTC)).maxDelegations(4).build();

        assertThat(limited.targetInfo("deep.txt")).isEmpty();
        assertThat(repo.metadataRequests.subList(4, repo.metadataRequests.size())).containsExactly("r0:1", "r1:1",
                "r2:1");
        assertThat(client().targetInfo("deep.txt")).isPresent();
    }

    @Test
    void hashBinDelegationsAreFollowedByPathHashPrefix() throws Exception {
        String path = "bundles/acme/scanner-1.2.0.jar";
        String prefix = Hashes.sha256Hex(path.getBytes(UTF_8)).substring(0, 2);
        String other = prefix.equals("00") ? "01" : "00";
        Ed25519Signer wrong = Ed25519Signer.generate();
        Ed25519Signer right = Ed25519Signer.generate();
        repo.targets.delegateHashPrefixes("bin-other", List.of(wrong.key()), 1, false, List.of(other));
        repo.targets.delegateHashPrefixes("bin-right", List.of(right.key()), 1, false, List.of(prefix));
        repo.delegated.put("bin-other", new TargetsBuilder().expires(SimulatedRepository.EXPIRY));
        repo.delegated.put("bin-right", new TargetsBuilder().expires(SimulatedRepository.EXPIRY));
        repo.addSigner("bin-other", wrong);
        repo.addSigner("bin-right", right);
        repo.addArtifact("bin-right", path, "jar".getBytes(UTF_8));
        repo.publish("bin-other", "bin-right", TARGETS, SNAPSHOT, TIMESTAMP);

        assertThat(Files.readString(download(path))).isEqualTo("jar");
        assertThat(repo.metadataRequests).doesNotContain("bin-other:1").contains("bin-right:1");
    }

    @Test
    void aTargetListedByTheDelegatorWinsOverItsDelegates() throws Exception {
        repo.addDelegation(TARGETS, "plugins", false, List.of("*"));
        repo.addArtifact("plugins", "x.jar", "from plugins".getBytes(UTF_8));
        repo.addArtifact(TARGETS, "x.jar", "from targets".getBytes(UTF_8));
        repo.publish("plugins", TARGETS, SNAPSHOT, TIMESTAMP);

        assertThat(Files.readString(download("x.jar"))).isEqualTo("from targets");
        assertThat(repo.metadataRequests).doesNotContain("plugins:1");
    }
}
