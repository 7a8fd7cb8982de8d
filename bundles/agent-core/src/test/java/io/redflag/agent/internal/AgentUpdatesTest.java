// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.redflag.binding.MachineKey;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.signing.internal.Ed25519Verifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an agent comes to trust the update repository: its first root only with the signature of the server key it
 * pinned at registration, over the context string and the root's exact bytes; anything else leaves it trusting nothing.
 */
class AgentUpdatesTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final byte[] root = "{\"signatures\":[],\"signed\":{\"_type\":\"root\",\"version\":1}}".getBytes(StandardCharsets.UTF_8);
    private volatile String signature;
    private KeyPair pinned;
    private AgentState state;

    @BeforeEach
    void start() throws Exception {
        pinned = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/agents/a-1/updates/metadata/1.root.json", exchange -> {
            if (signature != null) {
                exchange.getResponseHeaders().add(ProtocolHeaders.ROOT_SIGNATURE, signature);
            }
            exchange.sendResponseHeaders(200, root.length);
            exchange.getResponseBody().write(root);
            exchange.close();
        });
        server.start();
        state = new AgentState();
        state.agentId = "a-1";
        state.accessToken = "token";
        state.serverPublicKey = Base64.getEncoder().encodeToString(pinned.getPublic().getEncoded());
        state.serverKeyId = "k";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AgentUpdates updates() throws IOException {
        ServerClient client = new ServerClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", "m-1",
                MachineKey.loadOrCreate(dir));
        return new AgentUpdates(dir, client, new Ed25519Verifier(), null, () -> state);
    }

    private static String sign(KeyPair key, byte[]... parts) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        for (byte[] p : parts) {
            s.update(p);
        }
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private Path trusted() {
        return dir.resolve("updates/metadata/root.json");
    }

    @Test
    void theFirstRootCountersignedByThePinnedKeyIsTrusted() throws Exception {
        signature = sign(pinned, ProtocolHeaders.TRUSTED_ROOT_CONTEXT.getBytes(StandardCharsets.UTF_8), root);
        updates().trustRoot(state);
        assertThat(Files.readAllBytes(trusted())).isEqualTo(root);
    }

    @Test
    void aRootWithoutTheCountersignatureIsRefused() throws Exception {
        assertThatThrownBy(() -> updates().trustRoot(state)).isInstanceOf(IOException.class)
                .hasMessageContaining("not signed by the pinned server key");
        assertThat(trusted()).doesNotExist();
    }

    @Test
    void aRootSignedByAnotherKeyIsRefused() throws Exception {
        KeyPair impostor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signature = sign(impostor, ProtocolHeaders.TRUSTED_ROOT_CONTEXT.getBytes(StandardCharsets.UTF_8), root);
        assertThatThrownBy(() -> updates().trustRoot(state)).isInstanceOf(IOException.class)
                .hasMessageContaining("not signed by the pinned server key");
        assertThat(trusted()).doesNotExist();
    }

    @Test
    void aSignatureOverTheBareRootWithoutTheContextIsRefused() throws Exception {
        signature = sign(pinned, root); // what a signature made for another purpose over the same bytes would be
        assertThatThrownBy(() -> updates().trustRoot(state)).isInstanceOf(IOException.class);
        assertThat(trusted()).doesNotExist();
    }
}
