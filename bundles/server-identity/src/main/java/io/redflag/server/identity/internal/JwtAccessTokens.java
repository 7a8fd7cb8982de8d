// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import io.redflag.server.identity.AccessTokens;
import io.redflag.server.identity.AgentIdentity;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Short-lived agent access tokens (JWT, HS256), bound to the agent's machine id and to the thumbprint of its key
 * ({@code cnf.jkt}, RFC 9449). The MAC key lives in PostgreSQL, created once by whichever node starts first, so
 * every server node accepts every other node's tokens.
 */
@Component(service = {AccessTokens.class, JwtAccessTokens.class})
public final class JwtAccessTokens implements AccessTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String ISSUER = "redflag";

    private final HmacKey key;
    private final JwtConsumer consumer;

    @Activate
    public JwtAccessTokens(@Reference Database db) {
        byte[] secret = db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO server_secrets (name, value) VALUES ('jwt-hs256', ?) ON CONFLICT (name) DO NOTHING")) {
                ins.setBytes(1, Secrets.randomBytes(32));
                ins.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_secrets WHERE name = 'jwt-hs256'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        });
        this.key = new HmacKey(secret);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience("agent")
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    /** A token for the agent routes of {@code agentId}, bound to its machine and to its key (RFC 9449 {@code cnf.jkt}). */
    String issue(String agentId, String machineId, String keyThumbprint) {
        return issue(agentId, machineId, keyThumbprint, LIFETIME);
    }

    /** The same, valid for {@code lifetime} from now (tests give it a short or a past one). */
    String issue(String agentId, String machineId, String keyThumbprint, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("agent");
        claims.setSubject(agentId);
        claims.setClaim("mid", machineId);
        claims.setClaim("cnf", java.util.Map.of("jkt", keyThumbprint));
        long now = System.currentTimeMillis();
        long expires = now + lifetime.toMillis();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromMilliseconds(Math.min(now, expires)));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(expires));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing a JWT with HS256 cannot fail", e);
        }
    }

    /** A token verified before, and until when it stays valid (its expiry and the clock skew allowed). */
    private record Verified(AgentIdentity identity, long validUntilMillis) {}

    /** Most verified tokens kept: an agent presents the same token at every check-in for its whole lifetime. */
    static final int CACHED = 20_000;
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The claims of a valid token, or an exception saying why it is not one (expired, forged, …). A token verified
     * before is known by its exact text until it expires: the MAC is not checked and the JSON not parsed again.
     */
    @Override
    public AgentIdentity verify(String token) {
        Verified known = verified.get(token);
        if (known != null) {
            if (System.currentTimeMillis() < known.validUntilMillis) {
                return known.identity;
            }
            verified.remove(token);
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Object cnf = claims.getClaimValue("cnf");
            Object jkt = cnf instanceof java.util.Map<?, ?> m ? m.get("jkt") : null;
            AgentIdentity identity = new AgentIdentity(claims.getSubject(), claims.getStringClaimValue("mid"),
                    jkt instanceof String s ? s : null);
            if (verified.size() >= CACHED) {
                verified.clear(); // crude, and rare: a fleet larger than the cache only verifies more often
            }
            verified.put(token, new Verified(identity, claims.getExpirationTime().getValueInMillis() + 30_000));
            return identity;
        } catch (InvalidJwtException e) {
            throw new CredentialsRefusedException(e.hasExpired() ? "access token expired" : "access token invalid");
        } catch (MalformedClaimException e) {
            throw new CredentialsRefusedException("access token malformed");
        }
    }
}
