// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/** ECDSA and RSA signers for tests, the way securesystemslib's signers write keys (PEM) and signatures. */
final class JcaSigner implements MetadataSigner {

    private static KeyPair rsaPair;

    private final TufKey key;
    private final PrivateKey privateKey;
    private final String algorithm;
    private final AlgorithmParameterSpec params;

    private JcaSigner(TufKey key, PrivateKey privateKey, String algorithm, AlgorithmParameterSpec params) {
        this.key = key;
        this.privateKey = privateKey;
        this.algorithm = algorithm;
        this.params = params;
    }

    static JcaSigner ecdsa() throws GeneralSecurityException {
        return ecdsa(TufKey.ECDSA);
    }

    /** @param keyType {@code ecdsa}, or the older {@code ecdsa-sha2-nistp256} */
    static JcaSigner ecdsa(String keyType) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        return new JcaSigner(TufKey.of(keyType, TufKey.ECDSA_P256, pem(pair.getPublic())), pair.getPrivate(),
                "SHA256withECDSA", null);
    }

    /** RSA-PSS with SHA-256 and the given salt length (32: the digest's, 222 the maximum for 2048 bits). */
    static JcaSigner rsaPss(int saltLength) throws GeneralSecurityException {
        KeyPair pair = rsa();
        return new JcaSigner(TufKey.of(TufKey.RSA, TufKey.RSA_PSS_SHA256, pem(pair.getPublic())), pair.getPrivate(),
                "RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1));
    }

    static JcaSigner rsaPkcs1() throws GeneralSecurityException {
        KeyPair pair = rsa();
        return new JcaSigner(TufKey.of(TufKey.RSA, "rsa-pkcs1v15-sha256", pem(pair.getPublic())), pair.getPrivate(),
                "SHA256withRSA", null);
    }

    /** One RSA pair for the whole test run: generating them is slow. */
    private static synchronized KeyPair rsa() throws GeneralSecurityException {
        if (rsaPair == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            rsaPair = g.generateKeyPair();
        }
        return rsaPair;
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Override
    public TufKey key() {
        return key;
    }

    @Override
    public byte[] sign(byte[] canonicalSigned) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        if (params != null) {
            s.setParameter(params);
        }
        s.initSign(privateKey);
        s.update(canonicalSigned);
        return s.sign();
    }
}
