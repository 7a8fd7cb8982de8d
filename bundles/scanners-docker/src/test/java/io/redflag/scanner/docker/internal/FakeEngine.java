// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A fake Docker Engine on a unix socket: serves recorded answers for GET /images/json, GET /images/{name}/json,
 * GET /containers/json?all=1, GET /info and POST /images/create. One connection at a time, closed after each
 * answer, as with "Connection: close". Lists are sent with Content-Length, pull streams chunked (like the engine).
 */
final class FakeEngine implements AutoCloseable {

    record Reply(int status, String body, boolean chunked) {
        static Reply json(String body) {
            return new Reply(200, body, false);
        }

        static Reply stream(String body) {
            return new Reply(200, body, true);
        }
    }

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    volatile String imagesJson = "[]";
    volatile String containersJson = "[]";
    /** GET /info; null answers 404, as an engine too old or too odd to say. */
    volatile String infoJson;
    /** Image inspect answers by name or id, as the client asks for them. */
    final Map<String, String> inspect = new ConcurrentHashMap<>();
    /** POST /images/create answers by query string ("fromImage=…&tag=…"). */
    final Map<String, Function<String, Reply>> pulls = new ConcurrentHashMap<>();

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;

    FakeEngine(Path socket) throws IOException {
        this.socket = socket;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = new Thread(this::serve, "fake-docker-engine");
        thread.setDaemon(true);
        thread.start();
    }

    Path socket() {
        return socket;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                InputStream in = Channels.newInputStream(c);
                String requestLine = line(in);
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    // headers are not needed by the fake; POSTs here carry no body
                }
                String[] parts = requestLine.split(" ");
                requests.add(parts[0] + " " + parts[1]);
                write(Channels.newOutputStream(c), route(parts[0], parts[1]));
            } catch (IOException e) {
                return;  // closed by close(): the test is over
            }
        }
    }

    private Reply route(String method, String target) {
        if (method.equals("GET") && target.equals("/images/json")) {
            return Reply.json(imagesJson);
        }
        if (method.equals("GET") && target.equals("/info") && infoJson != null) {
            return Reply.json(infoJson);
        }
        if (method.equals("GET") && target.equals("/containers/json?all=1")) {
            return Reply.json(containersJson);
        }
        if (method.equals("GET") && target.startsWith("/images/") && target.endsWith("/json")) {
            String name = target.substring("/images/".length(), target.length() - "/json".length());
            String body = inspect.get(name);
            return body != null ? Reply.json(body) : new Reply(404, "{\"message\":\"No such image: " + name + "\"}", false);
        }
        if (method.equals("POST") && target.startsWith("/images/create?")) {
            String query = target.substring("/images/create?".length());
            Function<String, Reply> pull = pulls.get(query);
            return pull != null ? pull.apply(query) : new Reply(404, "{\"message\":\"pull access denied\"}", false);
        }
        return new Reply(404, "{\"message\":\"page not found\"}", false);
    }

    private static void write(OutputStream out, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + reply.status() + " X\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\n"
                + (reply.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!reply.chunked()) {
            out.write(body);
        } else {
            // small chunks that cut JSON lines in the middle, as a real stream may
            for (int i = 0; i < body.length; i += 97) {
                int n = Math.min(97, body.length - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5_000);
        Files.deleteIfExists(socket);
    }
}
