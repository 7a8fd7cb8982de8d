// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.config;
import static io.redflag.scanner.docker.internal.TestSupport.context;
import static io.redflag.scanner.docker.internal.TestSupport.digest;
import static io.redflag.scanner.docker.internal.TestSupport.fixture;
import static io.redflag.scanner.docker.internal.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.docker.internal.FakeRegistry.Mode;
import io.redflag.scanner.docker.internal.TestSupport.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner against a fake engine on a unix socket and a fake registry on loopback. */
class DockerScannerTest {

    static final String PORTAINER_DIGEST = "sha256:d6cc2c20c0af38d8d557ab994c419c799a10fe825e4aa57fea2e2e507a13747d";
    static final String PORTAINER_IMAGE_ID = "sha256:19d07168491a3f9e2798a9bed96544e34d57ddc4757a4ac5bb199dea896c87fd";
    static final String NANOSERVER_DIGEST = "sha256:aee7d4330fe3dc5987c808f647441c16ed2fa1c7d9c6ef49d6498e5c9860b50b";
    static final String[] INSPECTS = {
        "watchtower-image-inspect-with-repodigests.json",       // portainer/portainer:latest, pulled
        "watchtower-image-inspect-empty-repodigests.json",      // containrrr/watchtower:latest, built locally
        "docker-java-v1.22-image-inspect-no-repodigests.json",  // hackmann/empty:latest, no RepoDigests
        "docker-java-v1.25-image-inspect-windows-nanoserver.json"};

    @TempDir
    Path dir;
    private FakeEngine engine;
    private FakeRegistry registry;
    private final MutableClock clock = new MutableClock();
    private DockerScanner scanner;

    @BeforeEach
    void start() throws Exception {
        engine = new FakeEngine(dir.resolve("docker.sock"));
        registry = new FakeRegistry();
        scanner = new DockerScanner(config(engine.socket()), TestSupport.registryClient(registry, clock));
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
        engine.close();
    }

    /** Serves the recorded inspect answers, with a GET /images/json made of their Id, RepoTags and RepoDigests. */
    private void serveRecordedInspects() {
        ArrayNode list = EngineJson.MAPPER.createArrayNode();
        for (String name : INSPECTS) {
            JsonNode inspect = json(name);
            engine.inspect.put(inspect.get("Id").asText(), fixture(name));
            engine.inspect.put(inspect.get("RepoTags").get(0).asText(), fixture(name));
            ObjectNode summary = list.addObject();
            summary.set("Id", inspect.get("Id"));
            summary.set("RepoTags", inspect.get("RepoTags"));
            summary.set("RepoDigests", inspect.get("RepoDigests"));
        }
        engine.imagesJson = list.toString();
    }

    @Test
    void equalDigestsAreNoUpdateAndImagesWithoutRepoDigestsOnlyGetANote() throws Exception {
        serveRecordedInspects();
        registry.put("portainer/portainer:latest", Mode.TOKEN, PORTAINER_DIGEST);
        registry.put("microsoft/nanoserver:latest", Mode.OPEN, NANOSERVER_DIGEST);

        ScanReportDTO report = scanner.scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).isEmpty();
        assertThat(report.notes).containsExactly(
                "containrrr/watchtower:latest: no registry digest (built locally or never pulled); not compared",
                "hackmann/empty:latest: no registry digest (built locally or never pulled); not compared");
        // the registry is asked only about the two comparable tags
        assertThat(registry.count("HEAD ")).isEqualTo(3);  // portainer twice (token dance), nanoserver once
        assertThat(engine.requests).contains("GET /images/json", "GET /images/" + PORTAINER_IMAGE_ID + "/json");
    }

    @Test
    void differentRegistryDigestIsAnUpdateFromTheLocalRepoDigestNotTheImageId() throws Exception {
        serveRecordedInspects();
        registry.put("portainer/portainer:latest", Mode.TOKEN, digest('9'));
        registry.put("microsoft/nanoserver:latest", Mode.OPEN, NANOSERVER_DIGEST);

        ScanReportDTO report = scanner.scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).hasSize(1);
        PackageUpdateDTO u = report.updates.get(0);
        assertThat(u.id).isEqualTo("portainer/portainer:latest");
        assertThat(u.name).isEqualTo("portainer/portainer");
        assertThat(u.installedVersion).isEqualTo(PORTAINER_DIGEST).isNotEqualTo(PORTAINER_IMAGE_ID);
        assertThat(u.availableVersion).isEqualTo(digest('9'));
        assertThat(u.source).isEqualTo("registry-1.docker.io");
        assertThat(u.architecture).isEqualTo("amd64");
    }

    @Test
    void rateLimitIsAnErrorForThatImageAndThePartOfTheReportThatWorkedStays() throws Exception {
        serveRecordedInspects();
        registry.put("portainer/portainer:latest", Mode.RATE_LIMITED, digest('9'));
        registry.put("microsoft/nanoserver:latest", Mode.OPEN, digest('8'));

        ScanReportDTO report = scanner.scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(report.message).contains("1 of 2");
        assertThat(report.updates).extracting(u -> u.id).containsExactly("microsoft/nanoserver:latest");
        assertThat(report.updates.get(0).architecture).isNull();  // the Windows image reports ""
        assertThat(report.notes).anySatisfy(n -> assertThat(n).startsWith("portainer/portainer:latest").contains("429"));
    }

    @Test
    void nothingWorkedIsFailedWithoutUpdates() throws Exception {
        serveRecordedInspects();
        registry.put("portainer/portainer:latest", Mode.RATE_LIMITED, digest('9'));
        registry.put("microsoft/nanoserver:latest", Mode.DENIED, digest('8'));

        ScanReportDTO report = scanner.scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.updates).isEmpty();
        assertThat(report.message).contains("no registry look-up succeeded").contains("429");
        assertThat(report.notes).anySatisfy(n -> assertThat(n).startsWith("microsoft/nanoserver:latest").contains("401"));
    }

    /**
     * The 68 recorded images of docker-js: every comparable tag is asked once, answers are cached for five
     * minutes, failures are not.
     */
    @Test
    void recordedImageListWithCacheWithinFiveMinutes() throws Exception {
        JsonNode expected = json("docker-js-images-json-extracted.expected.json");
        engine.imagesJson = fixture("docker-js-images-json-extracted.json");
        int comparable = 0;
        int notComparable = 0;
        for (JsonNode image : json("docker-js-images-json-extracted.json")) {
            // this fake answers inspect with the summary's own fields (the listing has no Architecture)
            ObjectNode inspect = image.deepCopy();
            inspect.put("Architecture", "amd64");
            engine.inspect.put(image.get("Id").asText(), inspect.toString());
        }
        for (JsonNode image : expected.get("images")) {
            if (image.get("dangling").asBoolean() || image.get("repoTags").isNull()) {
                continue;
            }
            for (JsonNode tag : image.get("repoTags")) {
                if (image.get("registryDigests").isEmpty()) {
                    notComparable++;
                    continue;
                }
                comparable++;
                String t = tag.asText();  // all on Docker Hub: single names are official images
                String onWire = t.contains("/") ? t : "library/" + t;
                registry.put(onWire, Mode.OPEN, image.get("registryDigests").get(0).asText());
            }
        }
        registry.put("library/mysql:latest", Mode.OPEN, digest('1'));
        registry.put("library/debian:wheezy", Mode.TOKEN,
                "sha256:30b669a8649ecb90aa8892cc761fbe87c8594841ac3383f38c66db053854e41b");
        registry.put("library/redis:alpine", Mode.RATE_LIMITED, digest('2'));

        ScanReportDTO first = scanner.scan(context());

        assertThat(first.status).isEqualTo(ScanStatus.PARTIAL);
        assertThat(first.message).isEqualTo("1 of " + comparable + " registry look-ups failed; see the notes");
        assertThat(first.updates).extracting(u -> u.id + " " + u.installedVersion + " -> " + u.availableVersion)
                .containsExactly("mysql:latest sha256:b39e58483853ecd03160f9bfdc8d3ecb0be9071fdbbe5484d6a115677b62c84e -> "
                        + digest('1'));
        assertThat(first.notes).filteredOn(n -> n.contains("not compared")).hasSize(notComparable);
        assertThat(first.notes).filteredOn(n -> n.contains("429")).singleElement().asString().startsWith("redis:alpine");
        long manifestRequests = registry.count("HEAD ");
        assertThat(manifestRequests).isEqualTo(comparable + 1);  // debian:wheezy needed a token

        clock.advance(Duration.ofMinutes(4));
        ScanReportDTO second = scanner.scan(context());
        assertThat(second.updates).extracting(u -> u.id).containsExactly("mysql:latest");
        assertThat(registry.count("HEAD ")).isEqualTo(manifestRequests + 1);  // only the rate-limited tag again

        clock.advance(Duration.ofMinutes(1));
        scanner.scan(context());
        assertThat(registry.count("HEAD ")).isEqualTo(2 * manifestRequests + 1);  // cache expired: all asked again
    }

    @Test
    void missingSocketIsToolMissing() throws Exception {
        DockerScanner noEngine = new DockerScanner(config(dir.resolve("nothing.sock")),
                TestSupport.registryClient(registry, clock));

        ScanReportDTO report = noEngine.scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.TOOL_MISSING);
        assertThat(report.message).isEqualTo("docker engine is not installed on this host");
        assertThat(report.notes).singleElement().asString().contains(dir.resolve("nothing.sock").toString());
        assertThat(registry.requests).isEmpty();
    }

    @Test
    void subsystemConfigurationOverridesTheSocketPath() throws Exception {
        DockerScanner elsewhere = new DockerScanner(config(dir.resolve("nothing.sock")),
                TestSupport.registryClient(registry, clock));
        engine.imagesJson = "[]";

        ScanReportDTO report = elsewhere.scan(context(Map.of("socket.path", engine.socket().toString())));

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(engine.requests).containsExactly("GET /images/json");
    }

    @Test
    void unusableEngineAnswerIsAScanException() {
        engine.imagesJson = "{\"message\":\"client version 1.99 is too new\"}";
        assertThatThrownBy(() -> scanner.scan(context())).isInstanceOf(ScanException.class)
                .hasMessageContaining("expected a JSON array");
    }

    @Test
    void dryRunPlansAnUpgradeFromLocalToRegistryDigest() throws Exception {
        serveRecordedInspects();
        registry.put("portainer/portainer:latest", Mode.OPEN, digest('9'));
        registry.put("microsoft/nanoserver:latest", Mode.OPEN, NANOSERVER_DIGEST);
        List<String> ids = List.of("portainer/portainer:latest", "containrrr/watchtower:latest", "nginx:latest",
                "microsoft/nanoserver");

        TransactionPlanDTO plan = scanner.dryRun(context(), ids);

        assertThat(plan.requested).isEqualTo(ids);
        assertThat(plan.changes).hasSize(1);
        PackageChangeDTO c = plan.changes.get(0);
        assertThat(c.action).isEqualTo(ChangeAction.UPGRADE);
        assertThat(c.name).isEqualTo("portainer/portainer:latest");
        assertThat(c.fromVersion).isEqualTo(PORTAINER_DIGEST);
        assertThat(c.toVersion).isEqualTo(digest('9'));
        assertThat(c.architecture).isEqualTo("amd64");
        assertThat(c.source).isEqualTo("registry-1.docker.io");
        assertThat(plan.notes).containsExactly(
                "containrrr/watchtower:latest: no registry digest (built locally or never pulled); not compared",
                "nginx:latest: no such image on this host",
                "microsoft/nanoserver:latest is up to date");
        // only images carrying a requested tag are inspected
        assertThat(engine.requests).doesNotContain("GET /images/sha256:ee45fe0d1fcdf1a0f9c2d1e36c6f4b3202bbb2032f14d7c9312b27bfcf6aee24/json");
    }

    @Test
    void dryRunCannotPlanWhatTheRegistryWillNotSay() {
        serveRecordedInspects();
        registry.put("portainer/portainer:latest", Mode.RATE_LIMITED, digest('9'));
        assertThatThrownBy(() -> scanner.dryRun(context(), List.of("portainer/portainer:latest")))
                .isInstanceOf(ScanException.class).hasMessageContaining("429");
        assertThatThrownBy(() -> scanner.dryRun(context(), List.of("not a ref")))
                .isInstanceOf(ScanException.class);
    }

    /**
     * Pulling portainer replaces its image: both portainer containers of the recorded container list still run
     * the old image. The watchtower pull fails with an error line, so its containers are not listed.
     */
    @Test
    void installPullsAndReportsContainersStillOnTheOldImage() throws Exception {
        serveRecordedInspects();
        engine.containersJson = fixture("watchtower-containers-json.json");
        String newPortainer = fixture("watchtower-image-inspect-with-repodigests.json")
                .replace(PORTAINER_IMAGE_ID, digest('b'))
                .replace(PORTAINER_DIGEST, digest('c'));
        // the recorded hello-world stream, renamed for portainer
        String stream = fixture("moby-effect-pull-hello-world.jsonl")
                .replace("library/hello-world", "portainer/portainer")
                .replace("hello-world:latest", "portainer/portainer:latest")
                .replace("sha256:c79d06dfdfd3d3eb04cafd0dc2bacab0992ebc243e083cabe208bac4dd7759e0", digest('c'));
        engine.pulls.put("fromImage=portainer%2Fportainer&tag=latest", q -> {
            engine.inspect.put("portainer/portainer:latest", newPortainer);
            return FakeEngine.Reply.stream(stream);
        });
        engine.pulls.put("fromImage=containrrr%2Fwatchtower&tag=latest",
                q -> FakeEngine.Reply.stream(PullStreamTest.RATE_LIMITED_STREAM));

        InstallResultDTO result = scanner.install(context(),
                List.of("portainer/portainer:latest", "containrrr/watchtower:latest"));

        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.installed).containsExactly("portainer/portainer:latest");
        assertThat(result.message)
                .startsWith("pulled 1 of 2 image(s); 2 container(s) still run the old image")
                .contains("portainer (b978af0b858a, running) on portainer/portainer:latest")
                .contains("portainer (ae8964ba86c7, restarting) on portainer/portainer:latest")
                .contains("failed: containrrr/watchtower:latest: toomanyrequests")
                .doesNotContain("watchtower-running");
        assertThat(result.output)
                .contains("Status: Downloaded newer image for portainer/portainer:latest")
                .contains("error: toomanyrequests")
                .doesNotContain("Downloading");
        assertThat(engine.requests).contains("POST /images/create?fromImage=portainer%2Fportainer&tag=latest",
                "GET /containers/json?all=1");
        assertThat(registry.requests).isEmpty();  // the engine pulls; the plug-in does not ask the registry
    }

    @Test
    void installOfAnImageTheHostDoesNotHavePullsNothing() throws Exception {
        serveRecordedInspects();

        InstallResultDTO result = scanner.install(context(), List.of("nginx:latest"));

        assertThat(result.success).isFalse();
        assertThat(result.installed).isEmpty();
        assertThat(result.message).contains("nginx:latest: no such image on this host");
        assertThat(engine.requests).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    void installWithoutEngineReportsTheMissingTool() throws Exception {
        DockerScanner noEngine = new DockerScanner(config(dir.resolve("nothing.sock")),
                TestSupport.registryClient(registry, clock));

        InstallResultDTO result = noEngine.install(context(), List.of("nginx:latest"));

        assertThat(result.success).isFalse();
        assertThat(result.exitCode).isEqualTo(CommandRunner.EXIT_NOT_FOUND);
        assertThatThrownBy(() -> noEngine.dryRun(context(), List.of("nginx:latest"))).isInstanceOf(ScanException.class);
    }

    /** The OSGi constructor: the runner is never used, and insecure hosts are reached over plain HTTP. */
    @Test
    void activatedScannerHonoursInsecureHosts() throws Exception {
        String tag = registry.host() + "/team/app:1.0";
        engine.imagesJson = "[{\"Id\":\"sha256:" + "5".repeat(64) + "\",\"RepoTags\":[\"" + tag + "\"]}]";
        engine.inspect.put("sha256:" + "5".repeat(64), "{\"Id\":\"sha256:" + "5".repeat(64) + "\",\"RepoTags\":[\""
                + tag + "\"],\"RepoDigests\":[\"" + registry.host() + "/team/app@" + digest('6') + "\"],"
                + "\"Architecture\":\"arm64\",\"Os\":\"linux\"}");
        registry.put("team/app:1.0", Mode.OPEN, digest('7'));
        DockerScanner activated = new DockerScanner(config(engine.socket(), registry.host()));

        ScanReportDTO report = activated.scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).singleElement().satisfies(u -> {
            assertThat(u.id).isEqualTo(tag);
            assertThat(u.source).isEqualTo(registry.host());
            assertThat(u.installedVersion).isEqualTo(digest('6'));
            assertThat(u.availableVersion).isEqualTo(digest('7'));
            assertThat(u.architecture).isEqualTo("arm64");
        });
    }

    /**
     * The engine pulls from a registry on 127.0.0.0/8 over plain HTTP without any setting (found against the
     * real dockerd: DockerOnThisMachineTest). The scanner follows the engine's GET /info: HTTPS first, then
     * plain HTTP for the engine's insecure registries, with no registry.insecure.hosts configured.
     */
    @Test
    void registryTheEngineTreatsAsInsecureIsAskedOverPlainHttpWhenHttpsFails() throws Exception {
        serveOneLoopbackImage();
        engine.infoJson = fixture("dockerd-20.10.24-info-insecure-registries.json");  // 127.0.0.0/8 among its ranges

        ScanReportDTO report = httpsRefusedScanner().scan(context());

        assertThat(report.status).as(String.join("; ", report.notes)).isEqualTo(ScanStatus.OK);
        assertThat(report.updates).extracting(u -> u.availableVersion).containsExactly(digest('7'));
        assertThat(engine.requests).containsOnlyOnce("GET /info");
        assertThat(registry.requests).containsExactly("HEAD /v2/team/app/manifests/1.0");
    }

    /** An IndexConfigs entry decides for its registry, as in the engine: Secure there means HTTPS only. */
    @Test
    void registryTheEngineCallsSecureIsNeverAskedOverPlainHttp() throws Exception {
        serveOneLoopbackImage();
        engine.infoJson = "{\"RegistryConfig\":{\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\"],\"IndexConfigs\":{\""
                + registry.host() + "\":{\"Name\":\"" + registry.host() + "\",\"Secure\":true}}}}";

        ScanReportDTO report = httpsRefusedScanner().scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(report.updates).isEmpty();
        assertThat(report.notes).singleElement().asString().contains("registry unreachable", "ConnectException")
                .doesNotContain("plain HTTP");
        assertThat(registry.requests).isEmpty();
    }

    /** Without GET /info (the fake answers 404) nothing changes: HTTPS only, unless registry.insecure.hosts. */
    @Test
    void engineThatSaysNothingAboutRegistriesMeansHttpsOnly() throws Exception {
        serveOneLoopbackImage();

        ScanReportDTO report = httpsRefusedScanner().scan(context());

        assertThat(report.status).isEqualTo(ScanStatus.FAILED);
        assertThat(engine.requests).contains("GET /info");
        assertThat(registry.requests).isEmpty();
    }

    /**
     * A scanner whose HTTPS attempts go to a loopback port nobody listens on (refused at once; the real TLS
     * mismatch is DockerOnThisMachineTest's) and whose plain-HTTP attempts go to the fake registry.
     */
    private DockerScanner httpsRefusedScanner() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        URI https = URI.create("https://127.0.0.1:" + closed);
        return new DockerScanner(config(engine.socket()),
                new RegistryClient(HttpClient.newHttpClient(), clock, host -> https, host -> registry.base()));
    }

    /** One image tagged {@code <fake registry>/team/app:1.0}, pulled at digest 6; the registry serves digest 7. */
    private void serveOneLoopbackImage() {
        String tag = registry.host() + "/team/app:1.0";
        String id = "sha256:" + "5".repeat(64);
        engine.imagesJson = "[{\"Id\":\"" + id + "\",\"RepoTags\":[\"" + tag + "\"]}]";
        engine.inspect.put(id, "{\"Id\":\"" + id + "\",\"RepoTags\":[\"" + tag + "\"],\"RepoDigests\":[\""
                + registry.host() + "/team/app@" + digest('6') + "\"],\"Architecture\":\"amd64\",\"Os\":\"linux\"}");
        registry.put("team/app:1.0", Mode.OPEN, digest('7'));
    }
}
