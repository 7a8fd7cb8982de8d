// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the tests: real requests, JSON answers. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Status and parsed body of one answer. */
    record Answer(int status, JsonNode body, String raw, Map<String, String> headers) {}

    private final String base;

    /** The server's base URL ({@code http://127.0.0.1:PORT}). */
    String base() {
        return base;
    }

    Http(String base) {
        this.base = base;
    }

    Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, Map.of());
    }

    Answer post(String path, String token, Object body) {
        try {
            return postRaw(path, token, JSON.writeValueAsString(body), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer postRaw(String path, String token, String body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token, headers);
    }

    /** An answer whose body is bytes (a file). */
    record Bytes(int status, byte[] body, Map<String, String> headers) {}

    Answer send(String method, String path, String token, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), token, Map.of());
    }

    Answer postBytes(String path, String token, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token, Map.of());
    }

    Bytes getBytes(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> answered = new java.util.HashMap<>();
            r.headers().map().forEach((k, v) -> answered.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            return new Bytes(r.statusCode(), r.body(), answered);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer put(String path, String token, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any method, a JSON body (or none) and headers of the caller's choosing (a cookie, a CSRF token…). */
    Answer request(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b, token, headers);
    }

    Answer send(String method, String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()), token,
                Map.of());
    }

    private Answer send(HttpRequest.Builder b, String token, Map<String, String> headers) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException e) {
                // not JSON: the raw text is kept and the test says what it expected
            }
            Map<String, String> answered = new java.util.HashMap<>();
            r.headers().map().forEach((k, v) -> answered.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            return new Answer(r.statusCode(), body, r.body(), answered);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
