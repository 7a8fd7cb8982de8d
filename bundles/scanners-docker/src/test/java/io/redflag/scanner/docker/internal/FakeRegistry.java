// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake registry on loopback: HEAD/GET /v2/&lt;repo&gt;/manifests/&lt;tag&gt; answering with Docker-Content-Digest,
 * Docker Hub's Bearer token dance (401 + WWW-Authenticate, GET /token, retry), rate limiting and refusals.
 */
final class FakeRegistry implements AutoCloseable {

    enum Mode {
        /** 200 with the digest, no authentication. */
        OPEN,
        /** 401 with a Bearer challenge until the request carries the token for this repository's pull scope. */
        TOKEN,
        /** 429 Too Many Requests. */
        RATE_LIMITED,
        /** 401 even with a token: a private repository. */
        DENIED,
        /** 200 without Docker-Content-Digest; GET returns the manifest bytes, whose SHA-256 is the digest. */
        NO_DIGEST_HEADER
    }

    record Manifest(Mode mode, String digest, String body) {}

    /** Manifests by "repo:tag" as on the wire ("library/mysql:latest"). */
    final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    /** "METHOD path?query" of every request, in order. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private final HttpServer server;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://" + host());
    }

    /** "127.0.0.1:port", the registry host as written in an image reference. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String repoTag, Mode mode, String digest) {
        manifests.put(repoTag, new Manifest(mode, digest, null));
    }

    long count(String prefix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.startsWith(prefix)).count();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            requests.add(ex.getRequestMethod() + " " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            if (path.equals("/token")) {
                String scope = query(uri, "scope");
                boolean ok = "fake-registry".equals(query(uri, "service")) && scope != null;
                reply(ex, ok ? 200 : 400, ok ? "{\"token\":\"tok:" + scope + "\",\"expires_in\":300}" : "{}");
                return;
            }
            int m = path.indexOf("/manifests/");
            if (!path.startsWith("/v2/") || m < 0) {
                reply(ex, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}");
                return;
            }
            String repo = path.substring(4, m);
            Manifest manifest = manifests.get(repo + ":" + path.substring(m + "/manifests/".length()));
            if (manifest == null) {
                reply(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
                return;
            }
            String scope = "repository:" + repo + ":pull";
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean hasToken = ("Bearer tok:" + scope).equals(auth);
            switch (manifest.mode()) {
                case RATE_LIMITED:
                    ex.getResponseHeaders().add("Retry-After", "60");
                    reply(ex, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}");
                    return;
                case TOKEN:
                case DENIED:
                    if (!hasToken || manifest.mode() == Mode.DENIED) {
                        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + base() + "/token\","
                                + "service=\"fake-registry\",scope=\"" + scope + "\"");
                        reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                        return;
                    }
                    break;
                default:
                    break;
            }
            if (manifest.mode() != Mode.NO_DIGEST_HEADER) {
                ex.getResponseHeaders().add("Docker-Content-Digest", manifest.digest());
            }
            ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
            String body = manifest.body() != null ? manifest.body() : "{\"schemaVersion\":2}";
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
            } else {
                reply(ex, 200, body);
            }
        }
    }

    private static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
