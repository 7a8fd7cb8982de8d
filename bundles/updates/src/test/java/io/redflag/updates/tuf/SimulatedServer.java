// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Serves a {@link SimulatedRepository} over HTTP: {@code /metadata/…} and {@code /targets/…}, 404 when absent. */
public final class SimulatedServer implements AutoCloseable {

    private final HttpServer server;
    final SimulatedRepository repo;
    volatile int failWith;

    SimulatedServer(SimulatedRepository repo) throws IOException {
        this.repo = repo;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String metadataUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metadata/";
    }

    String targetsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/targets";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failWith != 0) {
                exchange.sendResponseHeaders(failWith, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            InputStream in;
            try {
                synchronized (repo) {
                    if (path.startsWith("/metadata/")) {
                        in = repo.fetchMetadata(path.substring("/metadata/".length()));
                    } else if (path.startsWith("/targets/")) {
                        in = repo.fetchTarget(path.substring("/targets/".length()));
                    } else {
                        throw new FileNotFoundException(path);
                    }
                }
            } catch (FileNotFoundException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] data = in.readAllBytes();
            exchange.sendResponseHeaders(200, data.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(data);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
