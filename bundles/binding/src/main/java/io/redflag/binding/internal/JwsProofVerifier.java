// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding.internal;

import io.redflag.binding.ProofException;
import io.redflag.binding.ProofVerifier;
import io.redflag.binding.VerifiedProof;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;
import org.osgi.service.component.annotations.Component;

/** Proofs of possession as compact JWS (EdDSA, key in the {@code jwk} header), checked with jose4j. */
@Component(service = ProofVerifier.class)
public final class JwsProofVerifier implements ProofVerifier {

    /** Far longer than any proof this protocol makes (~600 characters); refused unread beyond. */
    static final int MAX_PROOF_CHARS = 4096;
    private static final AlgorithmConstraints EDDSA_ONLY =
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA);

    @Override
    public VerifiedProof verify(String proof, String method, String path, byte[] body, String accessToken, Instant now)
            throws ProofException {
        Checked c = check(proof, null);
        JwtClaims claims = c.claims;
        try {
            expect(claims, ProofClaims.METHOD, method, "was made for another method");
            String htu = claims.getStringClaimValue(ProofClaims.PATH);
            // the agent signs its URL's whole path; a reverse proxy may have removed a prefix before the server saw it
            if (htu == null || path == null || !path.startsWith("/") || !htu.endsWith(path)) {
                throw new ProofException("proof was made for another path");
            }
            expect(claims, ProofClaims.BODY_DIGEST, ProofClaims.digest(body), "does not match the body sent (htb)");
            if (accessToken != null) {
                expect(claims, ProofClaims.TOKEN_DIGEST, ProofClaims.digest(accessToken),
                        "was made for another access token (ath)");
            }
            NumericDate iat = claims.getIssuedAt();
            if (iat == null) {
                throw new ProofException("proof has no issue time (iat)");
            }
            Duration off = Duration.between(now, Instant.ofEpochSecond(iat.getValue()));
            if (off.compareTo(MAX_SKEW) > 0) {
                throw new ProofException("proof is dated " + off.toSeconds() + " s ahead of the server's clock (at most "
                        + MAX_SKEW.toSeconds() + " s); check the agent's clock");
            }
            if (off.negated().compareTo(MAX_SKEW) > 0) {
                throw new ProofException("proof is " + off.negated().toSeconds() + " s old (at most " + MAX_SKEW.toSeconds()
                        + " s); a replay, or the agent's clock is wrong");
            }
            String jti = claims.getJwtId();
            if (jti == null || jti.length() < 16 || jti.length() > 128) {
                throw new ProofException("proof has no usable single-use id (jti, 16 to 128 characters)");
            }
            c.out.jti = jti;
            c.out.issuedAt = Instant.ofEpochSecond(iat.getValue());
            return c.out;
        } catch (MalformedClaimException e) {
            throw new ProofException("proof has a claim of the wrong type");
        }
    }

    @Override
    public VerifiedProof verifyStored(String proof, String publicJwk, byte[] body) throws ProofException {
        Checked c = check(proof, publicJwk);
        try {
            expect(c.claims, ProofClaims.BODY_DIGEST, ProofClaims.digest(body), "does not match the stored body (htb)");
            c.out.jti = c.claims.getJwtId();
            NumericDate iat = c.claims.getIssuedAt();
            c.out.issuedAt = iat == null ? null : Instant.ofEpochSecond(iat.getValue());
            return c.out;
        } catch (MalformedClaimException e) {
            throw new ProofException("proof has a claim of the wrong type");
        }
    }

    private record Checked(JwtClaims claims, VerifiedProof out) {}

    /** Structure, type, algorithm, key and signature; with {@code pinnedJwk}, the key must be that one. */
    private static Checked check(String proof, String pinnedJwk) throws ProofException {
        if (proof == null || proof.isBlank()) {
            throw new ProofException("no proof of possession (DPoP header) sent");
        }
        if (proof.length() > MAX_PROOF_CHARS) {
            throw new ProofException("proof longer than " + MAX_PROOF_CHARS + " characters");
        }
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(proof.trim());
            if (!(structure instanceof JsonWebSignature jws)) {
                throw new ProofException("proof is not a signed JWT");
            }
            if (!ProofClaims.TYPE.equals(jws.getHeader("typ"))) {
                throw new ProofException("proof is not of type " + ProofClaims.TYPE);
            }
            if (!AlgorithmIdentifiers.EDDSA.equals(jws.getAlgorithmHeaderValue())) {
                throw new ProofException("proof must be signed with EdDSA, not " + jws.getAlgorithmHeaderValue());
            }
            Object rawJwk = jws.getHeaders().getObjectHeaderValue("jwk");
            if (rawJwk instanceof java.util.Map<?, ?> m && m.containsKey("d")) {
                throw new ProofException("proof carries a private key; that key is exposed and refused");
            }
            PublicJsonWebKey jwk = jws.getJwkHeader();
            if (!(jwk instanceof OctetKeyPairJsonWebKey okp) || !OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())) {
                throw new ProofException("proof does not carry an Ed25519 public key (jwk header)");
            }
            if (jwk.getPrivateKey() != null) {
                throw new ProofException("proof carries a private key; that key is exposed and refused");
            }
            String thumbprint = jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            if (pinnedJwk != null) {
                PublicJsonWebKey pinned = PublicJsonWebKey.Factory.newPublicJwk(pinnedJwk);
                if (!MessageDigest.isEqual(thumbprint.getBytes(StandardCharsets.US_ASCII),
                        pinned.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256).getBytes(StandardCharsets.US_ASCII))) {
                    throw new ProofException("proof was made by another key than the agent's");
                }
            }
            jws.setAlgorithmConstraints(EDDSA_ONLY);
            jws.setKey(jwk.getPublicKey());
            if (!jws.verifySignature()) {
                throw new ProofException("proof signature does not match its key");
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            VerifiedProof out = new VerifiedProof();
            out.thumbprint = thumbprint;
            out.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            out.proof = proof.trim();
            return new Checked(claims, out);
        } catch (JoseException | InvalidJwtException | IllegalArgumentException e) {
            throw new ProofException("proof is not a well-formed JWS");
        }
    }

    private static void expect(JwtClaims claims, String name, String expected, String otherwise)
            throws ProofException, MalformedClaimException {
        String actual = claims.getStringClaimValue(name);
        if (actual == null) {
            throw new ProofException("proof has no " + name + " claim");
        }
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ProofException("proof " + otherwise);
        }
    }
}
