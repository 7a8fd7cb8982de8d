// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.TufKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies a signature with a TUF key, using only the JDK: {@code ed25519}; {@code ecdsa} (or the older key type
 * {@code ecdsa-sha2-nistp256}) with {@code ecdsa-sha2-nistp256}/{@code -nistp384} and DER signatures; {@code rsa}
 * with {@code rsassa-pss-sha256} (any salt length, as securesystemslib accepts) or {@code rsa-pkcs1v15-sha256}, and
 * their SHA-384/512 variants.
 */
public final class KeyVerifier {

    /** What a verification came to. */
    public enum Outcome { VALID, INVALID, UNSUPPORTED }

    private static final byte[] ED25519_SPKI_PREFIX = Hex.decode("302a300506032b6570032100").orElseThrow();

    private KeyVerifier() {
    }

    /**
     * The JDK public key for a TUF key, for verifying and for telling whether two listed keys are one; empty when the
     * type or scheme is not supported or the key data is unusable.
     */
    public static Optional<PublicKey> publicKey(TufKey key) {
        String value = key.publicValue().orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            String type = key.keyType();
            String scheme = key.scheme();
            if (type.equals(TufKey.ED25519) && scheme.equals(TufKey.ED25519)) {
                Optional<byte[]> raw = Hex.decode(value).filter(b -> b.length == 32);
                if (raw.isEmpty()) {
                    return Optional.empty();
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                System.arraycopy(raw.get(), 0, spki, ED25519_SPKI_PREFIX.length, 32);
                return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            }
            if (ecdsaBits(type, scheme) > 0) {
                PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem(value)));
                int bits = ((ECPublicKey) k).getParams().getCurve().getField().getFieldSize();
                return bits == ecdsaBits(type, scheme) ? Optional.of(k) : Optional.empty();
            }
            if (type.equals(TufKey.RSA) && rsaHash(scheme) != null) {
                return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pem(value))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty(); // unusable key data: treated like an unsupported key
        }
        return Optional.empty();
    }

    /** Verifies {@code signature} over {@code data}. Never throws: anything wrong is INVALID or UNSUPPORTED. */
    public static Outcome verify(TufKey key, PublicKey publicKey, byte[] signature, byte[] data) {
        try {
            String scheme = key.scheme();
            boolean ok;
            if (scheme.equals(TufKey.ED25519)) {
                ok = jca("Ed25519", publicKey, signature, data);
            } else if (ecdsaBits(key.keyType(), scheme) > 0) {
                ok = jca(ecdsaBits(key.keyType(), scheme) == 256 ? "SHA256withECDSA" : "SHA384withECDSA", publicKey,
                        signature, data);
            } else if (scheme.startsWith("rsassa-pss-")) {
                ok = rsaPss((RSAPublicKey) publicKey, rsaHash(scheme), signature, data);
            } else if (scheme.startsWith("rsa-pkcs1v15-")) {
                ok = jca(rsaHash(scheme).replace("-", "") + "withRSA", publicKey, signature, data);
            } else {
                return Outcome.UNSUPPORTED;
            }
            return ok ? Outcome.VALID : Outcome.INVALID;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Outcome.INVALID; // a malformed signature (bad DER, wrong length) is just not a valid one
        }
    }

    private static int ecdsaBits(String type, String scheme) {
        boolean ecType = type.equals(TufKey.ECDSA) || type.equals(scheme);
        if (ecType && scheme.equals(TufKey.ECDSA_P256)) {
            return 256;
        }
        return ecType && scheme.equals("ecdsa-sha2-nistp384") ? 384 : 0;
    }

    private static String rsaHash(String scheme) {
        String hash = scheme.startsWith("rsassa-pss-") ? scheme.substring("rsassa-pss-".length())
                : scheme.startsWith("rsa-pkcs1v15-") ? scheme.substring("rsa-pkcs1v15-".length()) : "";
        return switch (hash) {
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
    }

    private static byte[] pem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "");
        return Base64.getMimeDecoder().decode(body);
    }

    private static boolean jca(String algorithm, PublicKey key, byte[] signature, byte[] data)
            throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }

    /**
     * RSA-PSS whatever the salt length: securesystemslib verifies with "auto" salt length and signers use either the
     * digest length or the maximum. The JDK needs the length up front, so it is read out of the encoded message
     * (RFC 8017 9.1.2, steps 1-10) and the JDK then verifies with it.
     */
    private static boolean rsaPss(RSAPublicKey key, String hash, byte[] signature, byte[] data)
            throws GeneralSecurityException {
        BigInteger n = key.getModulus();
        int modBits = n.bitLength();
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        if (signature.length != (modBits + 7) / 8) {
            return false;
        }
        BigInteger s = new BigInteger(1, signature);
        if (s.compareTo(n) >= 0) {
            return false;
        }
        byte[] m = s.modPow(key.getPublicExponent(), n).toByteArray();
        byte[] em = new byte[emLen];
        int skip = Math.max(0, m.length - emLen);
        for (int i = 0; i < skip; i++) {
            if (m[i] != 0) {
                return false;
            }
        }
        System.arraycopy(m, skip, em, emLen - (m.length - skip), m.length - skip);
        MessageDigest md = MessageDigest.getInstance(hash);
        int hLen = md.getDigestLength();
        if (emLen < hLen + 2 || em[emLen - 1] != (byte) 0xbc) {
            return false;
        }
        int dbLen = emLen - hLen - 1;
        byte[] h = Arrays.copyOfRange(em, dbLen, dbLen + hLen);
        byte[] db = Arrays.copyOf(em, dbLen);
        byte[] mask = mgf1(md, h, dbLen);
        for (int i = 0; i < dbLen; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
        int i = 0;
        while (i < dbLen && db[i] == 0) {
            i++;
        }
        if (i == dbLen || db[i] != 1) {
            return false;
        }
        int saltLength = dbLen - i - 1;
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        pss.initVerify(key);
        pss.update(data);
        return pss.verify(signature);
    }

    private static byte[] mgf1(MessageDigest md, byte[] seed, int length) {
        byte[] out = new byte[length];
        int done = 0;
        for (int counter = 0; done < length; counter++) {
            md.reset();
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                    (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }
}
