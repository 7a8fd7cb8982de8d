// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/PLUGINS.md, done by a script: a new plug-in project from the archetype (one command), built with its own Maven
 * (its tests, the conformance suite and the in-framework suites run), published to the server, enabled on this machine's agent, which swaps it
 * in and scans — and its updates reach the server. The plug-in's "tool" is a small program of this test's, printing a
 * listing, so the whole chain runs for real. The archetype, the api and the test kit come from this build (copied into a
 * Maven repository of the test's own); everything else from the build's own repository, then Maven Central. Prints how
 * long each step took.
 */
class PluginWalkthroughIT {

    /** The author's folder: the project, its Maven repository (~100 MB), removed after the test. */
    @TempDir
    Path work;

    @Test
    void fromTheArchetypeToUpdatesOnAnAgent() throws Exception {
        Fleet fleet = Fleet.get();
        PluginBuilds maven = PluginBuilds.in(work);
        // the plug-in's tool: prints what a package manager would
        Path tool = work.resolve("walkpak");
        Files.writeString(tool, "#!/bin/sh\nif [ \"$1\" = list-upgrades ]; then\n  echo 'NAME INSTALLED AVAILABLE'\n"
                + "  echo 'org.example.Editor 1.4.0 1.5.2'\n  echo 'org.example.Viewer 2.0.1 2.1.0'\nfi\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        long t0 = System.nanoTime();
        maven.mvn(work, "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate", "-DarchetypeGroupId=io.redflag",
                "-DarchetypeArtifactId=scanner-plugin-archetype", "-DarchetypeVersion=" + PluginBuilds.version(), "-DgroupId=org.example",
                "-DartifactId=walkpak-scanner", "-Dversion=1.0.0", "-Dpackage=org.example.walkpak", "-Decosystem=walkpak",
                "-DclassPrefix=Walkpak", "-DdisplayName=Walkpak", "-Dtool=" + tool, "-DinteractiveMode=false");
        Path project = work.resolve("walkpak-scanner");
        long generated = System.nanoTime();
        String build = maven.mvn(project, "verify");
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
}
