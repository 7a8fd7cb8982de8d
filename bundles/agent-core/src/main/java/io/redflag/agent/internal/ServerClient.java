// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.redflag.binding.BindingHeaders;
import io.redflag.binding.MachineKey;
import io.redflag.protocol.ErrorDTO;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The agent's side of the HTTP protocol. The agent always calls; the server never calls it. */
final class ServerClient {

    /** A refused call: the status and the server's own explanation. */
    static final class ServerException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        /** What the server asked the agent to wait (Retry-After, seconds, at most an hour); 0 when it said nothing. */
        final long retryAfterSeconds;
        /** The error code of the server's answer ({@code not_found}, {@code no_route}…), when it gave one. */
        final String error;

        ServerException(int status, String message) {
            this(status, message, 0, null);
        }

        ServerException(int status, String message, long retryAfterSeconds) {
            this(status, message, retryAfterSeconds, null);
        }

        ServerException(int status, String message, long retryAfterSeconds, String error) {
            super(message);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
            this.error = error;
        }

        /** A 404 for a route the server does not (yet) serve: it is starting, or older; not a refusal of the request. */
        boolean noRoute() {
            return status == 404 && "no_route".equals(error);
        }
    }

    /** Retry-After in seconds (the delay form; an HTTP date is not sent by this server): 0 when absent or unreadable. */
    static long retryAfter(HttpResponse<?> r) {
        String v = r.headers().firstValue("Retry-After").orElse("").trim();
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Math.min(Long.parseLong(v), 3600);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String machineId;
    private final MachineKey key;

    /** {@code key} signs the proofs of {@link #postSigned}. */
    ServerClient(String baseUrl, String machineId, MachineKey key) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.machineId = machineId;
        this.key = key;
    }

    <T> T get(String path, Class<T> answer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), null, answer);
    }

    /** A GET of an agent route: a JSON answer. */
    <T> T get(String path, String bearer, Class<T> answer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), bearer, answer);
    }

    /**
     * A GET of a file (update metadata, a bundle): its body as a stream the caller reads as far as it allows and
     * closes. 404 is {@link java.io.FileNotFoundException}; another refusal a {@link ServerException}.
     */
    HttpResponse<InputStream> file(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(60))
                .header(ProtocolHeaders.MACHINE_ID, machineId);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 404) {
            r.body().close();
            throw new java.io.FileNotFoundException(path);
        }
        if (r.statusCode() >= 300) {
            byte[] body = r.body().readNBytes(64 * 1024);
            r.body().close();
            String detail;
            try {
                ErrorDTO error = ProtocolJson.mapper().readValue(body, ErrorDTO.class);
                detail = error.detail != null ? error.detail : error.error;
            } catch (IOException e) {
                detail = "HTTP " + r.statusCode();
            }
            throw new ServerException(r.statusCode(), "HTTP " + r.statusCode() + ": " + detail, retryAfter(r));
        }
        return r;
    }

    /** A POST without a proof: check-ins, which carry only the key-bound access token. */
    <T> T post(String path, Object body, String bearer, Class<T> answer) throws IOException, InterruptedException {
        return post(path, body, bearer, answer, false);
    }

    /** A POST with a proof of possession over exactly its bytes: registration, renewal, results. */
    <T> T postSigned(String path, Object body, String bearer, Class<T> answer) throws IOException, InterruptedException {
        return post(path, body, bearer, answer, true);
    }

    private <T> T post(String path, Object body, String bearer, Class<T> answer, boolean signed)
            throws IOException, InterruptedException {
        URI target = base.resolve(path);
        byte[] bytes = ProtocolJson.mapper().writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signed) {
            b.header(BindingHeaders.PROOF, key.prove("POST", target.getRawPath(), bytes, bearer));
        }
        return send(b, bearer, answer);
    }

    private <T> T send(HttpRequest.Builder b, String bearer, Class<T> answer) throws IOException, InterruptedException {
        b.timeout(Duration.ofSeconds(60)).header("Accept", "application/json").header(ProtocolHeaders.MACHINE_ID, machineId);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            if (r.statusCode() >= 300) {
                ErrorDTO error = r.body().length == 0 ? ErrorDTO.of("http_" + r.statusCode(), null)
                        : ProtocolJson.mapper().readValue(r.body(), ErrorDTO.class);
                throw new ServerException(r.statusCode(), "HTTP " + r.statusCode() + ": "
                        + (error.detail != null ? error.detail : error.error), retryAfter(r), error.error);
            }
            if (r.body().length == 0) {
                throw new ServerException(r.statusCode(), "server answered HTTP " + r.statusCode() + " with no body");
            }
            return ProtocolJson.mapper().readValue(r.body(), answer);
        } catch (JsonProcessingException e) {
            throw new ServerException(r.statusCode(), "server answered HTTP " + r.statusCode() + " with a body this agent cannot "
                    + "read: " + ProtocolJson.describe(e).getMessage());
        }
    }
}
