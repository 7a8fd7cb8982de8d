// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.binding.MachineKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent played by a test over real HTTP, as the agent runtime speaks: its own machine id and Ed25519 key, a
 * proof of possession on registration, renewal and results. Tests also use it to play an attacker: another key,
 * a copied key, a replayed proof.
 */
final class HttpAgent {

    /** The server it speaks to (a test may point it at a node that took over). */
    Http http;
    final String machineId;
    final MachineKey key;
    String agentId;
    String accessToken;
    String refreshToken;

    HttpAgent(Http http, String machineId, MachineKey key) {
        this.http = http;
        this.machineId = machineId;
        this.key = key;
    }

    /** A new machine with a new key. */
    static HttpAgent create(Http http) {
        return new HttpAgent(http, UUID.randomUUID().toString(), newKey());
    }

    static MachineKey newKey() {
        try {
            return MachineKey.loadOrCreate(Files.createTempDirectory("redflag-it-key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> machine() {
        return Map.of("X-RedFlag-Machine-Id", machineId);
    }

    Map<String, Object> registration(String token, String version, String... scanners) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("registrationToken", token);
        r.put("machineId", machineId);
        r.put("hostname", "it-" + machineId.substring(0, Math.min(8, machineId.length())));
        r.put("osFamily", "linux");
        r.put("agentVersion", version);
        r.put("scanners", List.of(scanners));
        return r;
    }

    /** Registers with a proof by this agent's key; on success keeps the id and tokens. */
    Http.Answer register(Map<String, Object> registration) {
        Http.Answer a = signed("/api/v1/agents/register", null, json(registration), key, Map.of());
        if (a.status() == 200) {
            agentId = a.body().get("agentId").asText();
            accessToken = a.body().get("accessToken").asText();
            refreshToken = a.body().get("refreshToken").asText();
        }
        return a;
    }

    HttpAgent registered(String token, String... scanners) {
        Http.Answer a = register(registration(token, "0.0.1", scanners.length == 0 ? new String[] {"apt"} : scanners));
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return this;
    }

    /** Renews the tokens with a proof by this agent's key; on success keeps the new pair. */
    Http.Answer refresh() {
        Http.Answer a = signed("/api/v1/agents/token", null, "{\"refreshToken\":\"" + refreshToken + "\"}", key, machine());
        if (a.status() == 200) {
            accessToken = a.body().get("accessToken").asText();
            refreshToken = a.body().get("refreshToken").asText();
        }
        return a;
    }

    Http.Answer checkIn(String json) {
        return http.postRaw("/api/v1/agents/" + agentId + "/check-in", accessToken, json, machine());
    }

    Http.Answer result(String json) {
        return signed("/api/v1/agents/" + agentId + "/results", accessToken, json, key, machine());
    }

    /** A POST with a proof by {@code signer} over exactly these bytes. */
    Http.Answer signed(String path, String token, String json, MachineKey signer, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("DPoP", signer.prove("POST", path, json.getBytes(StandardCharsets.UTF_8), token));
        return http.postRaw(path, token, json, all);
    }

    static String json(Object body) {
        try {
            return Http.JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
