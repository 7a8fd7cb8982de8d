// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing.internal;

import io.redflag.signing.SignatureException;
import io.redflag.signing.SignatureVerifier;
import java.util.Base64;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.osgi.service.component.annotations.Component;

/** Verifies Ed25519 signatures. Holds no key, so it is active in every runtime. */
@Component(service = SignatureVerifier.class)
public final class Ed25519Verifier implements SignatureVerifier {

    @Override
    public String keyId(String publicKey) throws SignatureException {
        Ed25519Keys.decode(publicKey); // refuse anything that is not a key before naming it
        return Ed25519Keys.keyId(publicKey);
    }

    @Override
    public void verify(String publicKey, byte[] data, String signature) throws SignatureException {
        if (signature == null || signature.isBlank()) {
            throw new SignatureException("signature missing");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new SignatureException("signature is not Base64", e);
        }
        if (sig.length != 64) {
            throw new SignatureException("signature has " + sig.length + " bytes, an Ed25519 signature has 64");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, Ed25519Keys.decode(publicKey));
        verifier.update(data, 0, data.length);
        if (!verifier.verifySignature(sig)) {
            throw new SignatureException("signature does not match the data and the pinned key");
        }
    }
}
