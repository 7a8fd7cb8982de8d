// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.signing.SignatureException;
import io.redflag.signing.SignedCommandDTO;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTest {

    @TempDir
    Path dir;

    private KeyFileSigner signer(Path keyDir) throws Exception {
        return new KeyFileSigner(new KeyFileSigner.Config() {
            @Override
            public String key_dir() {
                return keyDir.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return KeyFileSigner.Config.class;
            }
        });
    }

    private static SignedCommandDTO command() {
        SignedCommandDTO c = new SignedCommandDTO();
        c.id = "c-1";
        c.agentId = "a-1";
        c.type = SignedCommandDTO.TYPE_SCAN;
        c.params = "{\"ecosystem\":\"apt\"}";
        c.issuedAt = "2026-11-23T20:00:00Z";
        return c;
    }

    @Test
    void generatesAKeyOnceWithOwnerOnlyPermissionsAndKeepsIt() throws Exception {
        KeyFileSigner first = signer(dir);
        Path file = dir.resolve(KeyFileSigner.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyFileSigner second = signer(dir);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(first.keyId()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(signer(dir.resolve("other")).keyId()).isNotEqualTo(first.keyId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("other")))).isEqualTo("rwx------");
    }

    @Test
    void nodesStartingTogetherOnOneKeyFolderAllEndUpWithTheSameKey() throws Exception {
        int nodes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 40; round++) {
                Path keys = dir.resolve("round-" + round);
                CyclicBarrier start = new CyclicBarrier(nodes);
                List<Future<String>> ids = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return signer(keys).keyId();
                    }));
                }
                Set<String> distinct = new HashSet<>();
                for (Future<String> id : ids) {
                    distinct.add(id.get(30, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("key ids seen by %d nodes started together (round %d)", nodes, round).hasSize(1);
                assertThat(distinct).containsExactly(signer(keys).keyId());
                try (var files = Files.list(keys)) {
                    assertThat(files.map(f -> f.getFileName().toString())).containsExactly(KeyFileSigner.KEY_FILE);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        signer(dir);
        Files.setPosixFilePermissions(dir.resolve(KeyFileSigner.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> signer(dir)).hasMessageContaining("chmod 600");
    }

    @Test
    void signedCommandVerifiesAndAnyTamperingIsRefused() throws Exception {
        KeyFileSigner signer = signer(dir);
        Ed25519Verifier verifier = new Ed25519Verifier();
        SignedCommandDTO c = signer.sign(command());
        verifier.verify(signer.publicKey(), c);

        SignedCommandDTO params = signer.sign(command());
        params.params = "{\"ecosystem\":\"dnf\"}";
        assertThatThrownBy(() -> verifier.verify(signer.publicKey(), params))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not match");

        SignedCommandDTO flipped = signer.sign(command());
        byte[] sig = Base64.getDecoder().decode(flipped.signature);
        sig[5] ^= 1;
        flipped.signature = Base64.getEncoder().encodeToString(sig);
        assertThatThrownBy(() -> verifier.verify(signer.publicKey(), flipped)).hasMessageContaining("does not match");

        SignedCommandDTO unsigned = command();
        assertThatThrownBy(() -> verifier.verify(signer.publicKey(), unsigned)).hasMessageContaining("not signed");

        KeyFileSigner other = signer(dir.resolve("other"));
        SignedCommandDTO foreign = other.sign(command());
        assertThatThrownBy(() -> verifier.verify(signer.publicKey(), foreign)).hasMessageContaining("not by the pinned");
    }

    @Test
    void refusesGarbageKeysAndSignatures() throws Exception {
        Ed25519Verifier verifier = new Ed25519Verifier();
        assertThatThrownBy(() -> verifier.keyId("not-a-key")).isInstanceOf(SignatureException.class);
        String key = signer(dir).publicKey();
        assertThatThrownBy(() -> verifier.verify(key, new byte[] {1}, "AAAA")).hasMessageContaining("64");
        assertThatThrownBy(() -> verifier.verify(key, new byte[] {1}, "%%%")).hasMessageContaining("Base64");
    }
}
