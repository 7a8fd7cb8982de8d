// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against this machine's real Docker engine (Debian's docker.io: dockerd 20.10, API 1.41) and real
 * registry (Debian's docker-registry, distribution 2.8), both started by the test with everything under a
 * temporary folder: the engine's data, run state, socket and trust key, the registry's storage on a free
 * loopback port. Images are made in memory ({@link TestImage}) and pushed over the Distribution API, so neither
 * the docker CLI nor any network beyond loopback is needed; the engine pulls them from the loopback registry,
 * which it treats as insecure (plain HTTP) by default.
 * <p>
 * Needs the Debian packages docker.io and docker-registry, and root (dockerd runs only as root). Without them
 * the test fails, it does not skip.
 */
class DockerOnThisMachineTest {

    private static final String DEMO = "redflag/demo";
    private static final String MULTI = "redflag/multi";
    private static final String BROKEN = "redflag/broken";
    private static final String GONE = "redflag/gone";
    private static final String NEVER_PUSHED = "redflag/never-pushed";
    private static final String NOT_COMPARED = ": no registry digest (built locally or never pulled); not compared";

    @TempDir
    Path dir;
    private PrivateDockerd engine;
    private LoopbackRegistry registry;

    @AfterEach
    void stop() throws Exception {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @Test
    @Timeout(180)
    void findsPlansAndPullsTheNewerDigestOfATag() throws Exception {
        Map<String, Path> tools = requireToolsAndRoot();
        engine = PrivateDockerd.start(Files.createDirectories(dir.resolve("engine")), tools.get("dockerd"), searchPath());
        registry = LoopbackRegistry.start(Files.createDirectories(dir.resolve("registry")), tools.get("docker-registry"));
        String host = registry.host();
        String demo = host + "/" + DEMO + ":1.0";
        String neverPushed = host + "/" + NEVER_PUSHED + ":dev";
        String multi = host + "/" + MULTI + ":1.0";
        String broken = host + "/" + BROKEN + ":1.0";
        String gone = host + "/" + GONE + ":1.0";
        String goneNote = gone + " on " + host + ": tag or repository not found on the registry";

        // version 1 is pushed and pulled; the engine records the registry's manifest digest in RepoDigests
        TestImage v1 = TestImage.holding("1\n");
        TestImage v2 = TestImage.holding("2\n");
        String v1Digest = registry.push(DEMO, "1.0", v1);
        engine.pull(host + "/" + DEMO, "1.0");
        // a tag into a repository never pushed: the engine records no digest for that repository
        engine.tag(demo, host + "/" + NEVER_PUSHED, "dev");
        String container = engine.createContainer("redflag-demo", demo);
        JsonNode pulled = engine.inspectImage(demo);
        assertThat(pulled.get("Id").asText()).as("the image id is the config digest").isEqualTo(v1.imageId());
        assertThat(strings(pulled.get("RepoTags"))).containsExactlyInAnyOrder(demo, neverPushed);
        assertThat(strings(pulled.get("RepoDigests"))).containsExactly(host + "/" + DEMO + "@" + v1Digest);

        // a multi-arch tag: the engine records the list's digest, not the digest of the amd64 manifest it pulled
        TestImage multiImage = TestImage.holding("multi\n");
        String listDigest = registry.pushIndex(MULTI, "1.0", multiImage);
        engine.pull(host + "/" + MULTI, "1.0");
        assertThat(strings(engine.inspectImage(multi).get("RepoDigests")))
                .containsExactly(host + "/" + MULTI + "@" + listDigest).doesNotContain(multiImage.manifestDigest());

        // a tag whose new version cannot be unpacked, and a repository the registry forgets after the pull (404)
        String broken1 = registry.push(BROKEN, "1.0", TestImage.holding("broken 1\n"));
        engine.pull(host + "/" + BROKEN, "1.0");
        String broken2 = registry.push(BROKEN, "1.0", TestImage.unreadable("broken 2\n"));
        registry.push(GONE, "1.0", TestImage.holding("gone\n"));
        engine.pull(host + "/" + GONE, "1.0");
        registry.forget(GONE);
        assertThat(registry.headManifest(GONE, "1.0").statusCode()).isEqualTo(404);
        assertThat(registry.get("/v2/" + GONE + "/tags/list").body()).contains("NAME_UNKNOWN");

        // version 2 under the same tag
        String v2Digest = registry.push(DEMO, "1.0", v2);
        assertThat(v2Digest).isNotEqualTo(v1Digest);

        // the socket comes from the subsystem configuration, as the server sends it; the OSGi default points nowhere
        ScanContext ctx = ScanContext.of(Instant.now().plus(Duration.ofMinutes(2)),
                Map.of(DockerDescriptor.SOCKET_PATH, engine.socket().toString()));
        DockerScanner scanner = new DockerScanner(config(dir.resolve("no-engine-here.sock"), host));

        ScanReportDTO report = scanner.scan(ctx);
        assertThat(report.status).as(report.message).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).isEqualTo("1 of 4 registry look-ups failed; see the notes");
        assertThat(report.updates)
                .extracting(u -> u.id, u -> u.name, u -> u.installedVersion, u -> u.availableVersion, u -> u.source,
                        u -> u.architecture)
                .containsExactlyInAnyOrder(tuple(demo, host + "/" + DEMO, v1Digest, v2Digest, host, "amd64"),
                        tuple(broken, host + "/" + BROKEN, broken1, broken2, host, "amd64"));
        assertThat(report.notes).containsExactlyInAnyOrder(neverPushed + NOT_COMPARED, goneNote);

        TransactionPlanDTO plan = scanner.dryRun(ctx, List.of(demo, neverPushed, multi));
        assertThat(plan.requested).containsExactly(demo, neverPushed, multi);
        assertThat(plan.changes)
                .extracting(c -> c.action, c -> c.name, c -> c.fromVersion, c -> c.toVersion, c -> c.architecture,
                        c -> c.source)
                .containsExactly(tuple(ChangeAction.UPGRADE, demo, v1Digest, v2Digest, "amd64", host));
        assertThat(plan.notes).containsExactly(neverPushed + NOT_COMPARED, multi + " is up to date");
        assertThatThrownBy(() -> scanner.dryRun(ctx, List.of(gone))).isInstanceOf(ScanException.class)
                .hasMessage("cannot plan the pull: " + goneNote);
        assertThat(engine.inspectImage(demo).get("Id").asText()).as("a dry run pulls nothing").isEqualTo(v1.imageId());

        InstallResultDTO result = scanner.install(ctx, List.of(demo));
        assertThat(result.success).as(result.output).isTrue();
        assertThat(result.exitCode).isZero();
        assertThat(result.installed).containsExactly(demo);
        assertThat(result.message).isEqualTo("pulled 1 of 1 image(s); 1 container(s) still run the old image, recreate"
                + " them to use the update: redflag-demo (" + container.substring(0, 12) + ", created) on " + demo);
        assertThat(result.output).contains("Digest: " + v2Digest, "Status: Downloaded newer image for " + demo);
        // the engine's own view: the tag now names version 2, the container and the other tag stay on version 1
        JsonNode now = engine.inspectImage(demo);
        assertThat(now.get("Id").asText()).isEqualTo(v2.imageId());
        assertThat(strings(now.get("RepoDigests"))).containsExactly(host + "/" + DEMO + "@" + v2Digest);
        assertThat(engine.inspectContainer(container).get("Image").asText()).isEqualTo(v1.imageId());
        assertThat(engine.inspectImage(neverPushed).get("Id").asText()).isEqualTo(v1.imageId());

        // the two ways a real pull fails: refused before the stream (HTTP 404), and an error line inside it
        InstallResultDTO failed = scanner.install(ctx, List.of(gone, broken));
        assertThat(failed.success).isFalse();
        assertThat(failed.exitCode).isEqualTo(ImagePuller.EXIT_FAILED);
        assertThat(failed.installed).isEmpty();
        assertThat(failed.message).startsWith("pulled 0 of 2 image(s); failed: " + gone + ": HTTP 404: ")
                .contains("manifest unknown", "; " + broken + ": failed to register layer");
        assertThat(failed.output).contains("error: failed to register layer");
        assertThat(strings(engine.inspectImage(broken).get("RepoDigests")))
                .containsExactly(host + "/" + BROKEN + "@" + broken1);

        // a new scanner asks the registry again (the first one would answer from its five-minute cache), and
        // without registry.insecure.hosts: the engine's GET /info names 127.0.0.0/8 insecure, so after HTTPS fails
        // against the plain-HTTP registry the scanner asks over HTTP, as the engine pulls
        DockerScanner later = new DockerScanner(config(dir.resolve("no-engine-here.sock")));
        ScanReportDTO again = later.scan(ctx);
        assertThat(again.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(again.updates).extracting(u -> u.id).containsExactly(broken);
        assertThat(again.notes).containsExactlyInAnyOrder(neverPushed + NOT_COMPARED, goneNote);
        assertThat(later.dryRun(ctx, List.of(demo)).notes).containsExactly(demo + " is up to date");

        // a stopped engine removes its socket: the scanner then reports the tool missing, not a failure
        engine.close();
        assertThat(engine.socket()).doesNotExist();
        ScanReportDTO stopped = later.scan(ctx);
        assertThat(stopped.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(stopped.notes).singleElement().asString().contains(engine.socket().toString());
    }

    /** The tools by name, found on PATH or in the sbin folders (dockerd is in /usr/sbin, not on every PATH). */
    private static Map<String, Path> requireToolsAndRoot() throws Exception {
        List<String> missing = new ArrayList<>();
        Map<String, Path> found = new HashMap<>();
        for (String tool : List.of("dockerd", "containerd", "docker-registry")) {
            Optional<Path> p = List.of(searchPath().split(":")).stream().filter(d -> !d.isEmpty())
                    .map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
            p.ifPresentOrElse(x -> found.put(tool, x), () -> missing.add(tool));
        }
        if (!missing.isEmpty()) {
            fail("missing " + missing + ": this test runs a real Docker engine and registry; run"
                    + " `apt-get install docker.io docker-registry`");
        }
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            fail("this test must run as root (uid " + uid + "): dockerd runs only as root");
        }
        return found;
    }

    /** PATH, then the folders where Debian puts the daemons. */
    private static String searchPath() {
        Set<String> dirs = new LinkedHashSet<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        dirs.remove("");
        return String.join(":", dirs);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
