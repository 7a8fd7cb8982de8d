// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/PLUGINS.md, done by a script: a new plug-in project from the archetype (one command), built with its own Maven
 * (its tests, the conformance suite and the in-framework suites run), published to the server, enabled on this machine's agent, which swaps it
 * in and scans — and its updates reach the server. The plug-in's "tool" is a small program of this test's, printing a
 * listing, so the whole chain runs for real. The archetype, the api and the test kit come from this build (copied into a
 * Maven repository of the test's own); everything else from the build's own repository, then Maven Central. Prints how
 * long each step took.
 */
class PluginWalkthroughIT {

    private static final String VERSION = System.getProperty("redflag.version");

    @Test
    void fromTheArchetypeToUpdatesOnAnAgent() throws Exception {
        Fleet fleet = Fleet.get();
        Path root = Path.of(System.getProperty("redflag.root")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("plugin-walkthrough");
        Path repo = work.resolve("repository");
        place(repo, "redflag", root.resolve("pom.xml"), null);
        place(repo, "api", root.resolve("bundles/api/pom.xml"), root.resolve("bundles/api/target/api-" + VERSION + ".jar"));
        place(repo, "scanner-testkit", root.resolve("bundles/scanner-testkit/pom.xml"),
                root.resolve("bundles/scanner-testkit/target/scanner-testkit-" + VERSION + ".jar"));
        place(repo, "scanner-testkit-framework", root.resolve("bundles/scanner-testkit-framework/pom.xml"),
                root.resolve("bundles/scanner-testkit-framework/target/scanner-testkit-framework-" + VERSION + ".jar"));
        place(repo, "distribution.agent", root.resolve("distribution/agent/pom.xml"),
                root.resolve("distribution/agent/target/distribution.agent-" + VERSION + ".jar"));
        place(repo, "distribution.server", root.resolve("distribution/server/pom.xml"),
                root.resolve("distribution/server/target/distribution.server-" + VERSION + ".jar"));
        place(repo, "server.inventory", root.resolve("bundles/server-inventory/pom.xml"),
                root.resolve("bundles/server-inventory/target/server.inventory-" + VERSION + ".jar"));
        place(repo, "protocol", root.resolve("bundles/protocol/pom.xml"), root.resolve("bundles/protocol/target/protocol-" + VERSION + ".jar"));
        place(repo, "scanner-plugin-archetype", root.resolve("tools/plugin-archetype/pom.xml"),
                root.resolve("tools/plugin-archetype/target/scanner-plugin-archetype-" + VERSION + ".jar"));
        Path settings = Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles><profile><id>build-repository</id>
                    <repositories><repository><id>build</id><url>%1$s</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>build</id><url>%1$s</url></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>build-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(Path.of(System.getProperty("redflag.maven.repository")).toUri()));
        // the plug-in's tool: prints what a package manager would
        Path tool = work.resolve("walkpak");
        Files.writeString(tool, "#!/bin/sh\nif [ \"$1\" = list-upgrades ]; then\n  echo 'NAME INSTALLED AVAILABLE'\n"
                + "  echo 'org.example.Editor 1.4.0 1.5.2'\n  echo 'org.example.Viewer 2.0.1 2.1.0'\nfi\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        long t0 = System.nanoTime();
        mvn(work, settings, repo, "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate", "-DarchetypeGroupId=io.redflag",
                "-DarchetypeArtifactId=scanner-plugin-archetype", "-DarchetypeVersion=" + VERSION, "-DgroupId=org.example",
                "-DartifactId=walkpak-scanner", "-Dversion=1.0.0", "-Dpackage=org.example.walkpak", "-Decosystem=walkpak",
                "-DclassPrefix=Walkpak", "-DdisplayName=Walkpak", "-Dtool=" + tool, "-DinteractiveMode=false");
        Path project = work.resolve("walkpak-scanner");
        long generated = System.nanoTime();
        String build = mvn(project, settings, repo, "verify");
        // the conformance suite (8), then the in-framework suites: 5 on the agent's platform, 4 on the server's
        assertThat(build).contains("Tests run: 8, Failures: 0, Errors: 0, Skipped: 0")
                .contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0", "WalkpakOnTheAgentIT")
                .contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0", "WalkpakOnTheServerIT")
                .contains("BUILD SUCCESS");
        Path jar = project.resolve("target/walkpak-scanner-1.0.0.jar");
        assertThat(jar).exists();
        long built = System.nanoTime();

        Http.Answer published = fleet.http.postBytes("/api/v1/artifacts", fleet.operatorToken, Files.readAllBytes(jar),
                "application/java-archive");
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        Fleet.await(Duration.ofSeconds(30), () -> fleet.http.get("/api/v1/subsystems/walkpak", fleet.operatorToken)
                .status() == 200 ? "known" : null, "the server to run the new plug-in's descriptor");
        String agent = "/api/v1/agents/" + fleet.agentId;
        try {
            Http.Answer enabled = fleet.http.put(agent + "/subsystems/walkpak", fleet.operatorToken, Map.of("enabled", true));
            assertThat(enabled.status()).as(enabled.raw()).isEqualTo(200);
            JsonNode updates = Fleet.await(Duration.ofSeconds(120), () -> {
                JsonNode u = fleet.http.get(agent + "/updates?ecosystem=walkpak", fleet.operatorToken).body();
                return u != null && u.size() == 2 ? u : null;
            }, "the agent to swap the plug-in in, scan, and report");
            assertThat(updates.findValuesAsText("id")).containsExactlyInAnyOrder("org.example.Editor", "org.example.Viewer");
            assertThat(updates.findValuesAsText("availableVersion")).contains("1.5.2", "2.1.0");
            long done = System.nanoTime();
            System.out.printf("plug-in walkthrough: generated in %d ms, built and tested in %d ms, published to updates "
                    + "on the agent in %d ms, %d ms in all%n", ms(generated - t0), ms(built - generated), ms(done - built),
                    ms(done - t0));
        } finally {
            fleet.http.put(agent + "/subsystems/walkpak", fleet.operatorToken, Map.of("enabled", false));
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** An artifact of this build into the test's repository, laid out as Maven installs it. */
    private static void place(Path repo, String artifact, Path pom, Path jar) throws IOException {
        assertThat(pom).exists();
        Path dir = Files.createDirectories(repo.resolve("io/redflag/" + artifact + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("built by this reactor before the itests").exists();
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Runs Maven in that folder with the test's settings and repository; its output, or a failure showing it. */
    private static String mvn(Path dir, Path settings, Path repo, String... args) throws Exception {
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
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }
}
