// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plug-in author's Maven, for tests that build a plug-in project outside the reactor: a repository of the test's
 * own holding what this build made (the root pom, the api, the process runner, the test kits, the distributions the
 * framework kit runs, the archetype), read first, then the build's own repository, then Maven Central.
 */
final class PluginBuilds {

    private static final String VERSION = System.getProperty("redflag.version");

    private final Path repo;
    private final Path settings;

    private PluginBuilds(Path repo, Path settings) {
        this.repo = repo;
        this.settings = settings;
    }

    /** The repository and settings, in {@code work}. */
    static PluginBuilds in(Path work) throws IOException {
        Path root = root();
        Path repo = work.resolve("repository");
        place(repo, "redflag", root.resolve("pom.xml"), (Path) null);
        place(repo, "api", root, "bundles/api");
        place(repo, "process", root, "bundles/process");
        place(repo, "scanner-testkit", root, "bundles/scanner-testkit");
        place(repo, "scanner-testkit-framework", root, "bundles/scanner-testkit-framework");
        place(repo, "server.inventory", root, "bundles/server-inventory");
        place(repo, "protocol", root, "bundles/protocol");
        place(repo, "distribution.agent", root, "distribution/agent");
        place(repo, "distribution.server", root, "distribution/server");
        place(repo, "scanner-plugin-archetype", root, "tools/plugin-archetype");
        Path settings = Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles><profile><id>build-repository</id>
                    <repositories><repository><id>build</id><url>%1$s</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>build</id><url>%1$s</url></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>build-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(Path.of(System.getProperty("redflag.maven.repository")).toUri()));
        return new PluginBuilds(repo, settings);
    }

    /** The reactor's root. */
    static Path root() {
        return Path.of(System.getProperty("redflag.root")).toAbsolutePath().normalize();
    }

    static String version() {
        return VERSION;
    }

    /** Runs Maven in that folder; its output, or a failure showing its end. */
    String mvn(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repo));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("mvn " + String.join(" ", args) + " finished").isTrue();
        assertThat(p.exitValue()).as("mvn " + String.join(" ", args) + ":\n" + tail(out)).isZero();
        return out;
    }

    private static String tail(String out) {
        String[] lines = out.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }

    /** A module's pom and jar (target/ARTIFACT-VERSION.jar) into the repository. */
    private static void place(Path repo, String artifact, Path root, String module) throws IOException {
        place(repo, artifact, root.resolve(module + "/pom.xml"), root.resolve(module + "/target/" + artifact + "-" + VERSION + ".jar"));
    }

    /** An artifact of this build into the repository, laid out as Maven installs it. */
    private static void place(Path repo, String artifact, Path pom, Path jar) throws IOException {
        assertThat(pom).exists();
        Path dir = Files.createDirectories(repo.resolve("io/redflag/" + artifact + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("built by this reactor before the itests").exists();
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
