// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The agent's side of the HTTP protocol. The agent always calls; the server never calls it. */
final class ServerClient {

    static final String MACHINE_HEADER = "X-RedFlag-Machine-Id";
    /** A refused call: the status and the server's own explanation. */
    static final class ServerException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ServerException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String machineId;

    ServerClient(String baseUrl, String machineId) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.machineId = machineId;
    }

    Map<String, Object> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), null);
    }

    Map<String, Object> post(String path, Object body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonFiles.JSON.writeValueAsBytes(body)));
        return send(b, bearer);
    }

    private Map<String, Object> send(HttpRequest.Builder b, String bearer) throws IOException, InterruptedException {
        b.timeout(Duration.ofSeconds(60)).header("Accept", "application/json").header(MACHINE_HEADER, machineId);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> body;
        try {
            body = r.body().length == 0 ? Map.of()
                    : JsonFiles.JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new ServerException(r.statusCode(), "server answered HTTP " + r.statusCode() + " with a body that is not JSON");
        }
        if (r.statusCode() >= 300) {
            throw new ServerException(r.statusCode(), "HTTP " + r.statusCode() + ": " + body.getOrDefault("detail", body.get("error")));
        }
        return body;
    }
}
