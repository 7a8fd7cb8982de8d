// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ScanException;
import org.junit.jupiter.api.Test;

class PullStreamTest {

    /** Written by us in the engine's error-line format (moby jsonmessage: errorDetail + error). */
    static final String RATE_LIMITED_STREAM = "{\"status\":\"Pulling from containrrr/watchtower\",\"id\":\"latest\"}\r\n"
            + "{\"errorDetail\":{\"message\":\"toomanyrequests: You have reached your pull rate limit.\"},"
            + "\"error\":\"toomanyrequests: You have reached your pull rate limit.\"}\r\n";

    @Test
    void recordedPullDownloadedANewerImage() throws Exception {
        PullStream.Outcome o = PullStream.parse(fixture("moby-effect-pull-hello-world.jsonl"));

        assertThat(o.failed()).isFalse();
        assertThat(o.downloadedNewer()).isTrue();
        assertThat(o.upToDate()).isFalse();
        assertThat(o.reference()).isEqualTo("hello-world:latest");
        assertThat(o.digest()).isEqualTo("sha256:c79d06dfdfd3d3eb04cafd0dc2bacab0992ebc243e083cabe208bac4dd7759e0");
        // layer progress is left out of what operators see
        assertThat(o.summary()).containsExactly(
                "latest: Pulling from library/hello-world",
                "Digest: sha256:c79d06dfdfd3d3eb04cafd0dc2bacab0992ebc243e083cabe208bac4dd7759e0",
                "Status: Downloaded newer image for hello-world:latest");
    }

    /** Captured from dockerd 20.10.24 pulling from a loopback registry (see SOURCES.md). */
    @Test
    void capturedPullFromALoopbackRegistry() throws Exception {
        PullStream.Outcome o = PullStream.parse(fixture("dockerd-20.10.24-pull-loopback-registry.jsonl"));

        assertThat(o.failed()).isFalse();
        assertThat(o.downloadedNewer()).isTrue();
        assertThat(o.reference()).isEqualTo("127.0.0.1:5056/redflag/demo:1.0");
        assertThat(o.digest()).isEqualTo("sha256:d106fdbb66a881f4fbddb478f0c31d9d7b56016090699484c6a3a548a5296fa5");
        assertThat(o.summary()).containsExactly(
                "1.0: Pulling from redflag/demo",
                "Digest: sha256:d106fdbb66a881f4fbddb478f0c31d9d7b56016090699484c6a3a548a5296fa5",
                "Status: Downloaded newer image for 127.0.0.1:5056/redflag/demo:1.0");
    }

    /** Captured from dockerd 20.10.24: HTTP 200, then an error line once the layer would not unpack. */
    @Test
    void capturedErrorLineOfARealEngine() throws Exception {
        PullStream.Outcome o = PullStream.parse(fixture("dockerd-20.10.24-pull-unreadable-layer.jsonl"));

        assertThat(o.failed()).isTrue();
        assertThat(o.errors())
                .containsExactly("failed to register layer: ApplyLayer exit status 1 stdout:  stderr: unexpected EOF");
        assertThat(o.downloadedNewer()).isFalse();
        assertThat(o.summary()).containsExactly("1.0: Pulling from redflag/broken",
                "error: failed to register layer: ApplyLayer exit status 1 stdout:  stderr: unexpected EOF");
    }

    @Test
    void errorLineMeansFailureEvenThoughHttpSaidOk() throws Exception {
        PullStream.Outcome o = PullStream.parse(RATE_LIMITED_STREAM);

        assertThat(o.failed()).isTrue();
        assertThat(o.errors()).containsExactly("toomanyrequests: You have reached your pull rate limit.");
        assertThat(o.downloadedNewer()).isFalse();
    }

    @Test
    void upToDateAndObjectsWithoutSeparators() throws Exception {
        PullStream.Outcome o = PullStream.parse("{\"status\":\"Pulling from library/nginx\",\"id\":\"1.27\"}"
                + "{\"status\":\"Digest: sha256:ab\"}{\"status\":\"Status: Image is up to date for nginx:1.27\"}");

        assertThat(o.upToDate()).isTrue();
        assertThat(o.downloadedNewer()).isFalse();
        assertThat(o.reference()).isEqualTo("nginx:1.27");
    }

    @Test
    void emptyStreamDidNothing() throws Exception {
        PullStream.Outcome o = PullStream.parse("");
        assertThat(o.failed()).isFalse();
        assertThat(o.reference()).isNull();
    }

    @Test
    void rejectsWhatIsNoPullStream() {
        assertThatThrownBy(() -> PullStream.parse("Error response from daemon: manifest unknown"))
                .isInstanceOf(ScanException.class).hasMessageContaining("pull progress stream");
        assertThatThrownBy(() -> PullStream.parse(fixture("docker-js-images-json-extracted.json")))
                .isInstanceOf(ScanException.class);
    }
}
