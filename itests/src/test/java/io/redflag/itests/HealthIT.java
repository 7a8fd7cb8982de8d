// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.ServerRuntime;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Health says ready only once the whole API is: a node starting over the fleet's database is polled from the moment
 * it is launched, as fast as it answers; the first time its health answers 200, every route answers at once (none
 * with the 503 of an API still being assembled, which health itself answers with {@code api: starting…}).
 */
class HealthIT {

    private static final List<String> ROUTES = List.of("/api/v1/jobs", "/api/v1/approvals", "/api/v1/commands",
            "/api/v1/fleet/updates", "/api/v1/artifacts", "/api/v1/registration-tokens", "/api/v1/subsystems",
            "/api/v1/agents", "/api/v1/info", "/api/v1/audit/verify", "/api/v1/cores", "/api/v1/updates/keys");

    @Test
    void healthAnswersReadyOnlyOnceEveryRouteIsServed() throws Exception {
        Fleet fleet = Fleet.get();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int chosen = port;
        CompletableFuture<ServerRuntime> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return fleet.secondNode(Files.createTempDirectory("redflag-health"), Map.of(), chosen);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Http http = new Http("http://127.0.0.1:" + port);
        List<String> seen = new ArrayList<>();
        List<String> notServed = new ArrayList<>();
        try {
            Instant until = Instant.now().plus(Duration.ofSeconds(90));
            boolean ready = false;
            while (!ready && Instant.now().isBefore(until)) {
                Http.Answer h;
                try {
                    h = http.get("/api/v1/health", null);
                } catch (IllegalStateException e) {
                    Thread.sleep(10); // not listening yet
                    continue;
                }
                if (h.status() == 503 && h.body() != null && h.body().has("api")) {
                    seen.add(h.body().get("api").asText());
                }
                if (h.status() == 200) {
                    ready = true;
                    assertThat(h.body().get("api").asText()).isEqualTo("ok");
                    for (String route : ROUTES) {
                        Http.Answer a = http.get(route, fleet.operatorToken);
                        if (a.status() != 200) {
                            notServed.add(route + " " + a.status() + " " + a.body());
                        }
                    }
                }
            }
            assertThat(ready).as("health answered 200 within 90 s").isTrue();
            assertThat(notServed).as("routes not served when health said ready (health said before: " + seen + ")")
                    .isEmpty();
        } finally {
            starting.get(90, TimeUnit.SECONDS).close();
        }
    }
}
