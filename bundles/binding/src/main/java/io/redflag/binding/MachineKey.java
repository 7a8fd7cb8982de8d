// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding;

import io.redflag.binding.internal.ProofClaims;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The agent's machine key: an Ed25519 pair created once in the agent's state folder (the file readable
 * by its owner only) and the proofs of possession it signs. The private half never leaves the file and
 * this object.
 */
public final class MachineKey {

    /** The key file's name in the agent's state folder. */
    public static final String FILE = "machine-key.jwk";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PublicJsonWebKey key;
    private final PublicJsonWebKey publicOnly;
    private final String thumbprint;
    private final boolean exposed;

    private MachineKey(PublicJsonWebKey key, boolean exposed) throws JoseException {
        this.key = key;
        this.exposed = exposed;
        this.publicOnly = PublicJsonWebKey.Factory.newPublicJwk(key.getPublicKey());
        this.thumbprint = key.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    /**
     * The key kept in {@code folder}, created (0600) when there is none. A key file others could read is made
     * private again, and the caller is told so by {@link #wasExposed()}.
     *
     * @throws IOException when the file cannot be read or written, or does not hold an Ed25519 private key
     */
    public static MachineKey loadOrCreate(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        try {
            if (Files.exists(file)) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(file, StandardCharsets.US_ASCII));
                if (!(jwk instanceof OctetKeyPairJsonWebKey okp) || !OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())
                        || jwk.getPrivateKey() == null) {
                    throw new IOException(file + " does not hold an Ed25519 private key");
                }
                return new MachineKey(jwk, makePrivate(file));
            }
            Files.createDirectories(folder);
            OctetKeyPairJsonWebKey jwk = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
            Path tmp = Files.createTempFile(folder, "machine-key", ".tmp");
            makePrivate(tmp); // before the key is in it
            Files.writeString(tmp, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new MachineKey(jwk, false);
        } catch (JoseException e) {
            throw new IOException(file + " is not a usable key: " + e.getMessage(), e);
        }
    }

    /**
     * A new key held in memory only, for a process that speaks for many machines at once (the load simulator) or
     * keeps its key elsewhere; an agent keeps its key with {@link #loadOrCreate}.
     *
     * @since 1.1
     */
    public static MachineKey generate() {
        try {
            return new MachineKey(OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519), false);
        } catch (JoseException e) {
            throw new IllegalStateException("every Java 17 runtime creates Ed25519 keys", e);
        }
    }

    /** Whether the key file was readable by others when it was loaded (it no longer is). */
    public boolean wasExposed() {
        return exposed;
    }

    private static boolean makePrivate(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return false; // not POSIX (Windows): the folder's ACL protects it
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        if (perms.equals(owner)) {
            return false;
        }
        view.setPermissions(owner);
        return perms.stream().anyMatch(p -> !owner.contains(p) && p.name().endsWith("READ"));
    }

    /** RFC 7638 SHA-256 thumbprint of the public key, base64url. */
    public String thumbprint() {
        return thumbprint;
    }

    /** The public key as a JWK (JSON text). */
    public String publicJwk() {
        return publicOnly.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * A proof of possession for one request.
     *
     * @param method e.g. {@code POST}
     * @param path the request's path, e.g. {@code /api/v1/agents/…/results}
     * @param body the exact bytes sent
     * @param accessToken the access token sent along, or {@code null}
     */
    public String prove(String method, String path, byte[] body, String accessToken) {
        JwtClaims claims = new JwtClaims();
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        claims.setJwtId(Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        claims.setIssuedAtToNow();
        claims.setStringClaim(ProofClaims.METHOD, method);
        claims.setStringClaim(ProofClaims.PATH, path);
        claims.setStringClaim(ProofClaims.BODY_DIGEST, ProofClaims.digest(body));
        if (accessToken != null) {
            claims.setStringClaim(ProofClaims.TOKEN_DIGEST, ProofClaims.digest(accessToken));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", ProofClaims.TYPE);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        jws.setJwkHeader(publicOnly);
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing with an Ed25519 key cannot fail", e);
        }
    }
}
