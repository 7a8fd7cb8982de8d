// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import io.redflag.updates.tuf.internal.Hex;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * An Ed25519 key pair held in memory, signing with the JDK's {@code Ed25519}. The private key is exported and imported
 * as PKCS#8 bytes; keep them as secret as the key (never log them).
 */
public final class Ed25519Signer implements MetadataSigner {

    private final PrivateKey privateKey;
    private final TufKey key;

    private Ed25519Signer(PrivateKey privateKey, byte[] publicX509) {
        this.privateKey = privateKey;
        // an Ed25519 SubjectPublicKeyInfo is a fixed 12-byte header and the 32-byte key
        byte[] raw = Arrays.copyOfRange(publicX509, publicX509.length - 32, publicX509.length);
        this.key = TufKey.of(TufKey.ED25519, TufKey.ED25519, Hex.encode(raw));
    }

    /** A new random key pair. */
    public static Ed25519Signer generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Ed25519Signer(pair.getPrivate(), pair.getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 always has Ed25519", e);
        }
    }

    /**
     * The signer for an exported private key.
     *
     * @param pkcs8 what {@link #pkcs8()} returned
     * @throws GeneralSecurityException when the bytes are not an Ed25519 private key
     */
    public static Ed25519Signer fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new InvalidKeyException("the Ed25519 private key has no extractable seed"));
        // The JDK has no call that derives the public key from a private one, but its key pair generator derives
        // the pair from 32 random bytes: feed it the seed, and check it gave back the very same private key.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new SeedRandom(seed));
        KeyPair pair;
        try {
            pair = generator.generateKeyPair();
        } catch (RuntimeException e) {
            throw new InvalidKeyException("could not derive the public key of this Ed25519 private key", e);
        }
        if (!Arrays.equals(pair.getPrivate().getEncoded(), privateKey.getEncoded())) {
            throw new InvalidKeyException("could not derive the public key of this Ed25519 private key");
        }
        return new Ed25519Signer(privateKey, pair.getPublic().getEncoded());
    }

    /** The private key as PKCS#8 DER bytes. Secret. */
    public byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    @Override
    public TufKey key() {
        return key;
    }

    @Override
    public byte[] sign(byte[] canonicalSigned) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(privateKey);
        signature.update(canonicalSigned);
        return signature.sign();
    }

    @Override
    public String toString() {
        return "Ed25519Signer[" + key.keyId() + "]"; // never the private key
    }

    /** Hands out the given seed, once, to a key pair generator. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private int offset;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (offset + bytes.length > seed.length) {
                throw new IllegalStateException("the key pair generator asked for more than the seed");
            }
            System.arraycopy(seed, offset, bytes, 0, bytes.length);
            offset += bytes.length;
        }
    }
}
