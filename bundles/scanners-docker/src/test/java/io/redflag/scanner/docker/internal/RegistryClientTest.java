// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.docker.internal.FakeRegistry.Mode;
import io.redflag.scanner.docker.internal.RegistryClient.Answer;
import io.redflag.scanner.docker.internal.RegistryClient.Problem;
import io.redflag.scanner.docker.internal.TestSupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

    private FakeRegistry registry;
    private final MutableClock clock = new MutableClock();
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = TestSupport.registryClient(registry, clock);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Answer ask(String reference) {
        return client.digest(ImageReference.parse(reference), Instant.now().plusSeconds(10));
    }

    @Test
    void headAnswersWithTheDigestHeader() {
        registry.put("library/nginx:1.27", Mode.OPEN, digest('a'));

        Answer a = ask("nginx:1.27");

        assertThat(a.ok()).isTrue();
        assertThat(a.digest()).isEqualTo(digest('a'));
        assertThat(registry.requests).containsExactly("HEAD /v2/library/nginx/manifests/1.27");
    }

    @Test
    void followsTheBearerChallengeAnonymously() {
        registry.put("portainer/portainer:latest", Mode.TOKEN, digest('b'));

        Answer a = ask("portainer/portainer");

        assertThat(a.digest()).isEqualTo(digest('b'));
        assertThat(registry.requests).containsExactly(
                "HEAD /v2/portainer/portainer/manifests/latest",
                "GET /token?service=fake-registry&scope=repository%3Aportainer%2Fportainer%3Apull",
                "HEAD /v2/portainer/portainer/manifests/latest");
    }

    @Test
    void rateLimitIsAProblemNotADigest() {
        registry.put("library/redis:alpine", Mode.RATE_LIMITED, digest('c'));

        Answer a = ask("redis:alpine");

        assertThat(a.ok()).isFalse();
        assertThat(a.problem()).isEqualTo(Problem.RATE_LIMITED);
        assertThat(a.message()).contains("redis:alpine").contains("429").contains("retry after 60 s");
    }

    @Test
    void refusedEvenWithATokenIsUnauthorized() {
        registry.put("acme/private:1", Mode.DENIED, digest('d'));

        Answer a = ask("acme/private:1");

        assertThat(a.problem()).isEqualTo(Problem.UNAUTHORIZED);
        assertThat(a.message()).contains("401");
        assertThat(registry.count("HEAD ")).isEqualTo(2);  // once bare, once with the token: no loop
    }

    @Test
    void unknownTagIsNotFound() {
        assertThat(ask("library/ghost:1").problem()).isEqualTo(Problem.NOT_FOUND);
    }

    @Test
    void withoutTheHeaderTheDigestIsTheHashOfTheManifest() throws Exception {
        String body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
        registry.manifests.put("team/app:2", new FakeRegistry.Manifest(Mode.NO_DIGEST_HEADER, null, body));
        String sha = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));

        Answer a = ask("team/app:2");

        assertThat(a.digest()).isEqualTo(sha);
        assertThat(registry.requests).containsExactly("HEAD /v2/team/app/manifests/2", "GET /v2/team/app/manifests/2");
    }

    @Test
    void answersAreCachedForFiveMinutesPerRepositoryAndTag() {
        registry.put("library/nginx:1.27", Mode.OPEN, digest('a'));
        registry.put("library/nginx:1.28", Mode.OPEN, digest('b'));

        ask("nginx:1.27");
        registry.put("library/nginx:1.27", Mode.OPEN, digest('e'));  // the tag moves on the registry
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(ask("docker.io/library/nginx:1.27").digest()).isEqualTo(digest('a'));  // same key, cached
        assertThat(ask("nginx:1.28").digest()).isEqualTo(digest('b'));                    // other tag, asked
        assertThat(registry.count("HEAD /v2/library/nginx/manifests/1.27")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(ask("nginx:1.27").digest()).isEqualTo(digest('e'));
        assertThat(registry.count("HEAD /v2/library/nginx/manifests/1.27")).isEqualTo(2);
    }

    @Test
    void failuresAreNotCached() {
        registry.put("library/redis:alpine", Mode.RATE_LIMITED, digest('c'));
        ask("redis:alpine");
        ask("redis:alpine");
        assertThat(registry.count("HEAD ")).isEqualTo(2);
    }

    /** The production constructor: plain HTTP only for the configured insecure hosts. */
    @Test
    void insecureHostsAreReachedOverHttp() {
        registry.put("team/app:1.0", Mode.OPEN, digest('f'));
        String ref = registry.host() + "/team/app:1.0";

        Answer overHttp = new RegistryClient(Set.of(registry.host()))
                .digest(ImageReference.parse(ref), Instant.now().plusSeconds(10));
        Answer overHttps = new RegistryClient(Set.of())
                .digest(ImageReference.parse(ref), Instant.now().plusSeconds(2));  // the deadline bounds the handshake

        assertThat(overHttp.digest()).isEqualTo(digest('f'));
        assertThat(overHttps.ok()).isFalse();  // TLS to a plain-HTTP server fails
        assertThat(overHttps.problem()).isEqualTo(Problem.FAILED);
    }

    @Test
    void passedDeadlineAsksNothing() {
        registry.put("library/nginx:1.27", Mode.OPEN, digest('a'));
        Answer a = client.digest(ImageReference.parse("nginx:1.27"), Instant.now().minusSeconds(1));
        assertThat(a.ok()).isFalse();
        assertThat(registry.requests).isEmpty();
    }
}
