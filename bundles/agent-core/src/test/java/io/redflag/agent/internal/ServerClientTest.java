// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.redflag.binding.MachineKey;
import io.redflag.binding.VerifiedProof;
import io.redflag.binding.internal.JwsProofVerifier;
import io.redflag.protocol.ResultAckDTO;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's HTTP client against a small real HTTP server: proofs over exactly what is sent, and Retry-After heeded. */
class ServerClientTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicReference<String> proof = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String retryAfter;
    private volatile String error = "{\"error\":\"too_many_requests\",\"detail\":\"too many calls of agent a-1; retry after 7 s\"}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            proof.set(exchange.getRequestHeaders().getFirst("DPoP"));
            body.set(exchange.getRequestBody().readAllBytes());
            byte[] answer = (status == 200 ? "{\"acknowledged\":\"c-1\",\"duplicate\":false}" : error)
                    .getBytes(StandardCharsets.UTF_8);
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/prefix/";
    }

    @Test
    void signedPostsCarryAProofOverTheirExactBytesPathAndTokenAndCheckInsNone() throws Exception {
        MachineKey key = MachineKey.loadOrCreate(dir);
        ServerClient client = new ServerClient(base(), "m-1", key);
        client.post("api/v1/agents/a-1/check-in", Map.of(), "token-1", ResultAckDTO.class);
        assertThat(proof.get()).as("a check-in carries only its key-bound token").isNull();
        ResultAckDTO ack = client.postSigned("api/v1/agents/a-1/results", Map.of("commandId", "c-1", "status", "completed"),
                "token-1", ResultAckDTO.class);
        assertThat(ack.acknowledged).isEqualTo("c-1");

        // the server saw /prefix/api/…; behind a proxy that strips the prefix it sees /api/…: both verify
        JwsProofVerifier verifier = new JwsProofVerifier();
        VerifiedProof p = verifier.verify(proof.get(), "POST", "/api/v1/agents/a-1/results", body.get(), "token-1", Instant.now());
        assertThat(p.thumbprint).isEqualTo(key.thumbprint());
        assertThat(verifier.verify(proof.get(), "POST", "/prefix/api/v1/agents/a-1/results", body.get(), "token-1",
                Instant.now()).thumbprint).isEqualTo(key.thumbprint());
        assertThatThrownBy(() -> verifier.verify(proof.get(), "POST", "/api/v1/agents/a-1/results", body.get(), "token-2",
                Instant.now())).hasMessageContaining("access token");
    }

    @Test
    void aRefusalCarriesTheServersWordsAndHowLongToWait() throws Exception {
        ServerClient client = new ServerClient(base(), "m-1", MachineKey.loadOrCreate(dir));
        status = 429;
        retryAfter = "7";
        assertThatThrownBy(() -> client.post("api/v1/agents/a-1/check-in", Map.of(), "t", ResultAckDTO.class))
                .isInstanceOfSatisfying(ServerClient.ServerException.class, e -> {
                    assertThat(e.status).isEqualTo(429);
                    assertThat(e.retryAfterSeconds).isEqualTo(7);
                    assertThat(e.getMessage()).contains("retry after 7 s");
                });
        retryAfter = "Wed, 21 Oct 2026 07:28:00 GMT";
        assertThatThrownBy(() -> client.post("api/v1/agents/a-1/check-in", Map.of(), "t", ResultAckDTO.class))
                .isInstanceOfSatisfying(ServerClient.ServerException.class, e -> assertThat(e.retryAfterSeconds).isZero());
        retryAfter = "999999";
        assertThatThrownBy(() -> client.post("api/v1/agents/a-1/check-in", Map.of(), "t", ResultAckDTO.class))
                .isInstanceOfSatisfying(ServerClient.ServerException.class, e -> assertThat(e.retryAfterSeconds).isEqualTo(3600));
    }

    @Test
    void aRouteTheServerDoesNotServeYetIsToldApartFromARefusal() throws Exception {
        ServerClient client = new ServerClient(base(), "m-1", MachineKey.loadOrCreate(dir));
        status = 404;
        error = "{\"error\":\"no_route\",\"detail\":\"no route POST /api/v1/agents/a-1/results\"}";
        assertThatThrownBy(() -> client.postSigned("api/v1/agents/a-1/results", Map.of(), "t", ResultAckDTO.class))
                .isInstanceOfSatisfying(ServerClient.ServerException.class, e -> assertThat(e.noRoute()).isTrue());
        error = "{\"error\":\"not_found\",\"detail\":\"no command c-1 for this agent\"}";
        assertThatThrownBy(() -> client.postSigned("api/v1/agents/a-1/results", Map.of(), "t", ResultAckDTO.class))
                .isInstanceOfSatisfying(ServerClient.ServerException.class, e -> {
                    assertThat(e.noRoute()).as("an unknown command is a refusal: set aside").isFalse();
                    assertThat(e.error).isEqualTo("not_found");
                });
    }
}
