// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plug-in (examples/flatpak: an ecosystem RedFlag does not ship, generated from the archetype, kept out of
 * the reactor) still builds against this build as its author builds it — a copy of the project, its own Maven — with
 * every test: the parsers on the real captures, the conformance suite, the in-framework suites on both platforms, and
 * ({@code -Preal-flatpak}) the scanner against this machine's real flatpak (.ci/run installs it).
 */
class ExamplePluginIT {

    /** The author's folder: the project, its Maven repository (~100 MB), removed after the test. */
    @TempDir
    Path work;

    @Test
    void theFlatpakExampleBuildsAndPassesEveryTestAgainstThisBuild() throws Exception {
        PluginBuilds maven = PluginBuilds.in(work);
        Path project = work.resolve("flatpak");
        copy(PluginBuilds.root().resolve("examples/flatpak"), project);

        String build = maven.mvn(project, "verify", "-Preal-flatpak");

        assertThat(build).contains("BUILD SUCCESS")
                .contains("in org.example.redflag.flatpak.internal.FlatpakOnThisMachineTest")
                .contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0", "FlatpakOnTheAgentIT")
                .contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0", "FlatpakOnTheServerIT")
                .doesNotContain("Skipped: 1");
        assertThat(project.resolve("target/flatpak-scanner-1.0.0.jar")).exists();
    }

    /** The project's sources (not a target/ an earlier build left). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
