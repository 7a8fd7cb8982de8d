// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.binding.internal.JwsProofVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofTest {

    static final String PATH = "/api/v1/agents/a1/results";
    static final byte[] BODY = "{\"commandId\":\"c1\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    final ProofVerifier verifier = new JwsProofVerifier();

    @Test
    void aProofVerifiesForItsOwnRequestOnly() throws Exception {
        MachineKey key = MachineKey.loadOrCreate(dir);
        String proof = key.prove("POST", PATH, BODY, "token-1");

        VerifiedProof ok = verifier.verify(proof, "POST", PATH, BODY, "token-1", Instant.now());
        assertThat(ok.thumbprint).isEqualTo(key.thumbprint());
        assertThat(ok.jti).hasSizeGreaterThanOrEqualTo(16);
        assertThat(ok.publicJwk).contains("\"crv\":\"Ed25519\"").doesNotContain("\"d\"");

        assertRefused(() -> verifier.verify(proof, "PUT", PATH, BODY, "token-1", Instant.now()), "another method");
        assertRefused(() -> verifier.verify(proof, "POST", "/api/v1/agents/a2/results", BODY, "token-1", Instant.now()),
                "another path");
        assertRefused(() -> verifier.verify(proof, "POST", PATH, "{\"commandId\":\"c2\"}".getBytes(StandardCharsets.UTF_8),
                "token-1", Instant.now()), "body");
        assertRefused(() -> verifier.verify(proof, "POST", PATH, BODY, "token-2", Instant.now()), "access token");
    }

    @Test
    void aKeyHeldInMemoryProvesLikeAKeptOneAndEachIsItsOwn() throws Exception {
        MachineKey one = MachineKey.generate();
        MachineKey two = MachineKey.generate();
        assertThat(one.thumbprint()).isNotEqualTo(two.thumbprint());
        assertThat(one.wasExposed()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written").isEmpty();
        }
        String proof = one.prove("POST", PATH, BODY, null);
        assertThat(verifier.verify(proof, "POST", PATH, BODY, null, Instant.now()).thumbprint).isEqualTo(one.thumbprint());
        assertThat(one.publicJwk()).doesNotContain("\"d\"");
    }

    @Test
    void staleAndFutureProofsAreRefused() throws Exception {
        MachineKey key = MachineKey.loadOrCreate(dir);
        String proof = key.prove("POST", PATH, BODY, null);
        assertRefused(() -> verifier.verify(proof, "POST", PATH, BODY, null, Instant.now().plus(Duration.ofMinutes(6))),
                "old");
        assertRefused(() -> verifier.verify(proof, "POST", PATH, BODY, null, Instant.now().minus(Duration.ofMinutes(6))),
                "ahead");
        assertThat(verifier.verify(proof, "POST", PATH, BODY, null, Instant.now().plus(Duration.ofMinutes(4))).thumbprint)
                .isEqualTo(key.thumbprint());
    }

    @Test
    void aTamperedOrForeignProofIsRefused() throws Exception {
        MachineKey key = MachineKey.loadOrCreate(dir);
        String proof = key.prove("POST", PATH, BODY, null);
        String[] parts = proof.split("\\.");
        // payload for another path, signature kept
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("a1", "a2");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertRefused(() -> verifier.verify(forged, "POST", "/api/v1/agents/a2/results", BODY, null, Instant.now()),
                "signature");
        assertRefused(() -> verifier.verify("not.a.jws", "POST", PATH, BODY, null, Instant.now()), "well-formed");
        assertRefused(() -> verifier.verify(null, "POST", PATH, BODY, null, Instant.now()), "no proof");
        assertRefused(() -> verifier.verify("x".repeat(5000), "POST", PATH, BODY, null, Instant.now()), "longer");
    }

    @Test
    void algorithmsOtherThanEdDsaAndPrivateKeysInTheHeaderAreRefused() throws Exception {
        // alg none
        JwtClaims claims = claims();
        JsonWebSignature none = new JsonWebSignature();
        none.setHeader("typ", "dpop+jwt");
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setPayload(claims.toJson());
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        String unsigned = none.getCompactSerialization();
        assertRefused(() -> verifier.verify(unsigned, "POST", PATH, BODY, null, Instant.now()), "EdDSA");

        // HS256 keyed with the public key's bytes (key confusion)
        OctetKeyPairJsonWebKey jwk = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        JsonWebSignature hs = new JsonWebSignature();
        hs.setHeader("typ", "dpop+jwt");
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(jwk.getPublicKey()));
        hs.setPayload(claims.toJson());
        hs.setKey(new HmacKey(jwk.getPublicKey().getEncoded()));
        hs.setDoKeyValidation(false);
        String confused = hs.getCompactSerialization();
        assertRefused(() -> verifier.verify(confused, "POST", PATH, BODY, null, Instant.now()), "EdDSA");

        // the private key sent along
        JsonWebSignature leaky = new JsonWebSignature();
        leaky.setHeader("typ", "dpop+jwt");
        leaky.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        leaky.getHeaders().setObjectHeaderValue("jwk", jwk.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        leaky.setPayload(claims.toJson());
        leaky.setKey(jwk.getPrivateKey());
        String exposed = leaky.getCompactSerialization();
        assertRefused(() -> verifier.verify(exposed, "POST", PATH, BODY, null, Instant.now()), "private key");
    }

    @Test
    void theKeyIsCreatedOnceAndPrivate() throws Exception {
        MachineKey first = MachineKey.loadOrCreate(dir);
        Path file = dir.resolve(MachineKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MachineKey.loadOrCreate(dir).thumbprint()).isEqualTo(first.thumbprint());
        assertThat(MachineKey.loadOrCreate(dir).wasExposed()).isFalse();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MachineKey again = MachineKey.loadOrCreate(dir);
        assertThat(again.wasExposed()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Files.writeString(file, first.publicJwk());
        assertThatThrownBy(() -> MachineKey.loadOrCreate(dir)).hasMessageContaining("Ed25519 private key");
    }

    @Test
    void aStoredProofIsCheckedAgainstTheStoredKeyAndBody() throws Exception {
        MachineKey key = MachineKey.loadOrCreate(dir);
        MachineKey other = MachineKey.loadOrCreate(dir.resolve("other"));
        String proof = key.prove("POST", PATH, BODY, "t");
        assertThat(verifier.verifyStored(proof, key.publicJwk(), BODY).thumbprint).isEqualTo(key.thumbprint());
        assertRefused(() -> verifier.verifyStored(proof, other.publicJwk(), BODY), "another key");
        assertRefused(() -> verifier.verifyStored(proof, key.publicJwk(), "{}".getBytes(StandardCharsets.UTF_8)), "stored body");
    }

    private static JwtClaims claims() {
        JwtClaims c = new JwtClaims();
        c.setJwtId("0123456789abcdefghij");
        c.setIssuedAtToNow();
        c.setStringClaim("htm", "POST");
        c.setStringClaim("htu", PATH);
        c.setStringClaim("htb", io.redflag.binding.internal.ProofClaims.digest(BODY));
        return c;
    }

    interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(Call call, String reason) {
        assertThatThrownBy(call::run).isInstanceOf(ProofException.class).hasMessageContaining(reason);
    }
}
