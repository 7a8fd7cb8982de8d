// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.SimulatedServerAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance command line against a simulated repository served over HTTP. */
class ConformanceClientTest {

    @TempDir
    Path tmp;

    SimulatedServerAccess server;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = SimulatedServerAccess.start();
        Path root = tmp.resolve("initial_root.json");
        Files.write(root, server.rootV1());
        assertThat(run("--metadata-dir", metadata(), "init", root.toString())).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String metadata() {
        return tmp.resolve("metadata").toString();
    }

    int run(String... args) {
        err.reset();
        return ConformanceClient.run(args, new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                new PrintStream(err, true, UTF_8));
    }

    String stderr() {
        return err.toString(UTF_8);
    }

    int download(String... targets) {
        List<String> args = new ArrayList<>(List.of("--metadata-url", server.metadataUrl(), "--metadata-dir",
                metadata()));
        for (String t : targets) {
            args.add("--target-name");
            args.add(t);
        }
        args.addAll(List.of("--target-dir", tmp.resolve("targets").toString(), "--target-base-url",
                server.targetsUrl(), "download"));
        return run(args.toArray(String[]::new));
    }

    @Test
    void initRefreshAndDownloadAsTheSuiteCallsThem() throws Exception {
        server.addArtifact("path/to/a/target_file.txt", "target file contents");

        assertThat(run("--metadata-url", server.metadataUrl(), "--metadata-dir", metadata(), "refresh")).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("metadata/timestamp.json"))).isEqualTo(server.latest("timestamp"));

        assertThat(download("path/to/a/target_file.txt")).isZero();
        try (var files = Files.list(tmp.resolve("targets"))) {
            assertThat(files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).containsExactly("target file contents");
        }
    }

    @Test
    void severalTargetsAreProcessedInOrderAndTheFirstFailureStops() throws Exception {
        server.addArtifact("a.txt", "a");
        server.addArtifact("b.txt", "b");

        assertThat(download("a.txt", "missing.txt", "b.txt")).isEqualTo(1);

        assertThat(stderr()).contains("TARGET_NOT_FOUND").contains("missing.txt");
        assertThat(tmp.resolve("targets/a.txt")).exists();
        assertThat(tmp.resolve("targets/b.txt")).doesNotExist();
    }

    @Test
    void roleNamesNeedingEncodingTravelOverHttp() throws Exception {
        for (String role : List.of("?", "#", "../delegatedrole", "plug-ins/acme corp")) {
            server.addDelegatedRole(role);
        }

        assertThat(download("nonexistent target")).isEqualTo(1);

        assertThat(stderr()).contains("TARGET_NOT_FOUND");
        assertThat(server.metadataRequests()).contains("%3F:1", "%23:1", "..%2Fdelegatedrole:1",
                "plug-ins%2Facme%20corp:1");
        assertThat(tmp.resolve("metadata").resolve(RepositoryLayout.unversionedFile("../delegatedrole"))).exists();
    }

    @Test
    void failuresExitWithOneAndSayWhy() {
        server.failWith(500);
        assertThat(run("--metadata-dir", metadata(), "--metadata-url", server.metadataUrl(), "refresh")).isEqualTo(1);
        assertThat(stderr()).contains("FETCH_FAILED").contains("HTTP 500");

        assertThat(run("--metadata-dir", metadata(), "refresh")).isEqualTo(1);
        assertThat(stderr()).contains("--metadata-url");
        assertThat(run("--metadata-dir", metadata(), "frobnicate")).isEqualTo(1);
        assertThat(run("refresh", "--metadata-dir")).isEqualTo(1);
        assertThat(run("--metadata-dir", metadata(), "--bogus", "x", "refresh")).isEqualTo(1);
    }

    @Test
    void optionsMayBeGivenWithAnEqualsSign() {
        assertThat(run("--metadata-dir=" + metadata(), "--metadata-url=" + server.metadataUrl(), "refresh")).isZero();
    }
}
