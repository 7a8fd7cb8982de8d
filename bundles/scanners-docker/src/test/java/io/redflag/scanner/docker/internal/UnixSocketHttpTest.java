// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketHttpTest {

    @TempDir
    Path dir;

    private static UnixSocketHttp.Response read(String raw) throws IOException {
        return UnixSocketHttp.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), "GET");
    }

    @Test
    void contentLengthBody() throws Exception {
        UnixSocketHttp.Response r = read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]trailing garbage");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("[]");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() throws Exception {
        UnixSocketHttp.Response r = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;note=x\r\n{\"a\":\r\n3\r\n12}\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(r.text()).isEqualTo("{\"a\":12}");
        assertThat(r.headers()).containsEntry("transfer-encoding", "chunked");
    }

    @Test
    void bodyUntilConnectionCloses() throws Exception {
        assertThat(read("HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"x\"}").text()).isEqualTo("{\"message\":\"x\"}");
    }

    @Test
    void truncatedAnswersAreErrors() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n[]"))
                .isInstanceOf(IOException.class).hasMessageContaining("2 of 10");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\""))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH_9.2\r\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP response");
    }

    @Test
    void talksToAnEngineOverTheSocket() throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"))) {
            engine.imagesJson = "[{\"Id\":\"sha256:1\"}]";
            UnixSocketHttp http = new UnixSocketHttp(engine.socket());
            UnixSocketHttp.Response r = http.get("/images/json", Instant.now().plusSeconds(5));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("[{\"Id\":\"sha256:1\"}]");
            assertThat(engine.requests).containsExactly("GET /images/json");
        }
    }

    @Test
    void missingSocketIsNoSuchFile() {
        UnixSocketHttp http = new UnixSocketHttp(dir.resolve("absent.sock"));
        assertThat(http.socketExists()).isFalse();
        assertThatThrownBy(() -> http.get("/images/json", Instant.now().plusSeconds(5)))
                .isInstanceOf(NoSuchFileException.class);
    }

    /** An engine that accepts the connection (the backlog does) but never answers must not hang the scan. */
    @Test
    void silentEngineTimesOutAtTheDeadline() throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            UnixSocketHttp http = new UnixSocketHttp(socket);
            Instant start = Instant.now();
            assertThatThrownBy(() -> http.get("/images/json", start.plusMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
    }
}
