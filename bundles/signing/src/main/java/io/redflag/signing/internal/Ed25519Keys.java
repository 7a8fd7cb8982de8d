// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing.internal;

import io.redflag.signing.SignatureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** Encoding of Ed25519 public keys and their ids; shared by the signer and the verifier. */
final class Ed25519Keys {

    private Ed25519Keys() {}

    /** X.509 SubjectPublicKeyInfo, Base64: the form served by the public-key endpoint and pinned by agents. */
    static String encode(Ed25519PublicKeyParameters key) {
        try {
            return Base64.getEncoder().encodeToString(
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding an Ed25519 public key cannot fail", e);
        }
    }

    static Ed25519PublicKeyParameters decode(String base64) throws SignatureException {
        if (base64 == null || base64.isBlank()) {
            throw new SignatureException("no public key given");
        }
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(Base64.getDecoder().decode(base64.trim()));
            if (key instanceof Ed25519PublicKeyParameters) {
                return (Ed25519PublicKeyParameters) key;
            }
            throw new SignatureException("public key is not an Ed25519 key");
        } catch (IOException | IllegalArgumentException e) {
            throw new SignatureException("public key is not a Base64 X.509 Ed25519 key", e);
        }
    }

    /** First 32 hex chars of SHA-256 over the encoded key (the Base64 text's bytes decoded). */
    static String keyId(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.trim().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
