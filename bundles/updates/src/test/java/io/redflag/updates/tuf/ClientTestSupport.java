// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A simulated repository, a metadata folder initialized with its root v1, and helpers to run and inspect clients. */
abstract class ClientTestSupport {

    @TempDir
    Path metadataDir;

    @TempDir
    Path targetDir;

    SimulatedRepository repo;

    @BeforeEach
    void newRepository() throws Exception {
        repo = new SimulatedRepository();
        TufClient.initialize(metadataDir, repo.served(RepositoryLayout.ROOT, 1));
    }

    TufClient client() {
        return client(SimulatedRepository.NOW);
    }

    TufClient client(Instant now) {
        return TufClient.builder(metadataDir, repo).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    void refresh() throws TufException {
        client().refresh();
    }

    TufException refreshFails() {
        return refreshFails(SimulatedRepository.NOW);
    }

    TufException refreshFails(Instant now) {
        TufException e = catchThrowableOfType(TufException.class, () -> client(now).refresh());
        assertThat(e).as("refresh should fail").isNotNull();
        return e;
    }

    /** Downloads a target like the conformance CLI does: refresh, look up, use the cached copy or download. */
    Path download(String target) throws TufException {
        TufClient client = client();
        client.refresh();
        TargetInfo info = client.targetInfo(target).orElseThrow(
                () -> new TufException(TufException.Reason.TARGET_NOT_FOUND, null, target));
        Optional<Path> cached = client.findCached(info, targetDir);
        return cached.isPresent() ? cached.get() : client.download(info, targetDir);
    }

    TufException downloadFails(String target) {
        TufException e = catchThrowableOfType(TufException.class, () -> download(target));
        assertThat(e).as("download of " + target + " should fail").isNotNull();
        return e;
    }

    /** The metadata files in the client's folder, name (without .json) to version, as the suite lists them. */
    Map<String, Long> trustedRoles() {
        Map<String, Long> roles = new TreeMap<>();
        try (Stream<Path> files = Files.list(metadataDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                String name = f.getFileName().toString();
                JsonNode md = Json.MAPPER.readTree(Files.readAllBytes(f));
                roles.put(name.substring(0, name.length() - 5), md.get("signed").get("version").longValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roles;
    }

    Long trustedVersion(String role) {
        return trustedRoles().get(role);
    }

    byte[] trustedBytes(String role) throws IOException {
        return Files.readAllBytes(metadataDir.resolve(role + ".json"));
    }

    static Map<String, Long> roles(Object... nameVersion) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < nameVersion.length; i += 2) {
            m.put((String) nameVersion[i], ((Number) nameVersion[i + 1]).longValue());
        }
        return m;
    }
}
