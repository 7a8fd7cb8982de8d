// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The simulator's HTTP: one keep-alive client for every virtual agent, each exchange timed. */
final class Wire {

    /** An answer and how long it took from sending to the last byte. */
    record Answer(int status, byte[] body, long nanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;

    Wire(URI base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    /** The absolute path of a route, as a proof of possession names it. */
    String path(String route) {
        return base.resolve(route).getRawPath();
    }

    Answer get(String route, Map<String, String> headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(route)).GET(), headers);
    }

    Answer post(String route, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(route)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json"), headers);
    }

    private Answer send(HttpRequest.Builder b, Map<String, String> headers) throws IOException, InterruptedException {
        b.timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        headers.forEach(b::header);
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), System.nanoTime() - start);
    }
}
