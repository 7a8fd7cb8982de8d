// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.TufKey;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Threshold checking. Only signatures by keys the delegating metadata authorizes for the role count, each distinct
 * public key at most once, whatever ids it is listed under. Signatures by other keys, and invalid or unparsable
 * signatures, are ignored: metadata with a threshold of valid ones is valid.
 */
public final class Signatures {

    private Signatures() {
    }

    /**
     * Checks that {@code envelope} is signed by a threshold of the role's keys.
     *
     * @param keys the delegator's keys by id
     * @param roleKeys the role's key ids and threshold, as the delegator lists them
     * @param role the role, for the exception
     * @param what how to name the metadata and the key set in the message
     * @throws TufException THRESHOLD_NOT_MET, or UNSUPPORTED_KEY when signatures by unsupported keys were skipped
     */
    public static void requireThreshold(Envelope envelope, Map<String, TufKey> keys, RoleKeys roleKeys, String role,
            String what) throws TufException {
        Set<String> authorized = new HashSet<>(roleKeys.keyIds());
        Set<String> counted = new HashSet<>();
        int unsupported = 0;
        for (Envelope.Sig sig : envelope.signatures()) {
            TufKey key = keys.get(sig.keyId());
            if (!authorized.contains(sig.keyId()) || key == null) {
                continue;
            }
            Optional<PublicKey> publicKey = KeyVerifier.publicKey(key);
            if (publicKey.isEmpty()) {
                unsupported++;
                continue;
            }
            Optional<byte[]> bytes = Hex.decode(sig.hex());
            if (bytes.isPresent() && KeyVerifier.verify(key, publicKey.get(), bytes.get(), envelope.canonical())
                    == KeyVerifier.Outcome.VALID) {
                counted.add(Hex.encode(publicKey.get().getEncoded()));
            }
        }
        if (counted.size() < roleKeys.threshold()) {
            String message = what + ": " + counted.size() + " valid signature(s) of " + roleKeys.threshold()
                    + " needed";
            if (unsupported > 0) {
                throw new TufException(Reason.UNSUPPORTED_KEY, role,
                        message + "; " + unsupported + " signature(s) by keys of an unsupported type or scheme");
            }
            throw new TufException(Reason.THRESHOLD_NOT_MET, role, message);
        }
    }
}
