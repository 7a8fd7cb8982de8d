// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {

    @Test
    void fetchesRelativeToTheBaseUrlsAndTellsMissingFromBroken() throws Exception {
        try (SimulatedServer server = new SimulatedServer(new SimulatedRepository())) {
            // base URLs without a trailing slash work too
            String metadata = server.metadataUrl();
            HttpFetcher fetcher = new HttpFetcher(URI.create(metadata.substring(0, metadata.length() - 1)),
                    URI.create(server.targetsUrl()), Duration.ofSeconds(5));

            try (InputStream in = fetcher.fetchMetadata("1.root.json")) {
                assertThat(in.readAllBytes()).isEqualTo(server.repo.served(ROOT, 1));
            }
            assertThatThrownBy(() -> fetcher.fetchMetadata("9.root.json")).isInstanceOf(FileNotFoundException.class);
            assertThatThrownBy(() -> fetcher.fetchTarget("nothing.txt")).isInstanceOf(FileNotFoundException.class);
            server.failWith = 503;
            assertThatThrownBy(() -> fetcher.fetchMetadata("timestamp.json")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(FileNotFoundException.class).hasMessageContaining("HTTP 503");
            assertThatThrownBy(() -> new HttpFetcher(URI.create(metadata), null, Duration.ofSeconds(1))
                    .fetchTarget("a")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void escapesWhatAUrlPathCannotHoldButKeepsEncodedNames() {
        assertThat(HttpFetcher.escape("dir/a b ü?#.txt")).isEqualTo("dir/a%20b%20%C3%BC%3F%23.txt");
        assertThat(HttpFetcher.escape("1...%2Fdelegatedrole.json")).isEqualTo("1...%2Fdelegatedrole.json");
    }
}
