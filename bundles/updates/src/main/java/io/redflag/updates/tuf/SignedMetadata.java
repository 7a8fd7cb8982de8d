// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Envelope;
import io.redflag.updates.tuf.internal.Hex;
import io.redflag.updates.tuf.internal.Json;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Signs metadata: {@code {"signed": …, "signatures": [{"keyid": …, "sig": <hex>}]}}. Each signature is over the
 * canonical JSON of {@code signed}. Signers may sign at once or one after the other ({@link #addSignature}), as
 * when the holders of the old and the new root keys sign a rotated root in turn.
 */
public final class SignedMetadata {

    private SignedMetadata() {
    }

    /** Signs {@code signed} with each signer (one signature per key) and serializes the result. */
    public static byte[] sign(ObjectNode signed, MetadataSigner... signers) throws GeneralSecurityException {
        return sign(signed, Arrays.asList(signers));
    }

    /** Signs {@code signed} with each signer (one signature per key) and serializes the result. */
    public static byte[] sign(ObjectNode signed, Collection<? extends MetadataSigner> signers)
            throws GeneralSecurityException {
        byte[] canonical = CanonicalJson.encode(signed);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        ArrayNode signatures = envelope.putArray("signatures");
        for (MetadataSigner signer : signers) {
            put(signatures, signer.key().keyId(), signer.sign(canonical));
        }
        envelope.set("signed", signed.deepCopy());
        return write(envelope);
    }

    /**
     * Adds (or replaces) one key's signature on already serialized metadata.
     *
     * @throws TufException when {@code metadata} is not signed metadata
     */
    public static byte[] addSignature(byte[] metadata, MetadataSigner signer)
            throws TufException, GeneralSecurityException {
        ObjectNode envelope = Json.parseObject(metadata, null);
        ObjectNode signed = Json.object(envelope, "signed", null);
        ArrayNode signatures = (ArrayNode) (envelope.get("signatures") instanceof ArrayNode a ? a
                : envelope.putArray("signatures"));
        put(signatures, signer.key().keyId(), signer.sign(CanonicalJson.encode(signed)));
        return write(envelope);
    }

    /**
     * The {@code signed} object of serialized metadata, of the expected {@code _type}, unverified: for a repository
     * reading back what it published.
     *
     * @throws TufException when the bytes are not signed metadata of that type
     */
    public static ObjectNode signedPart(byte[] metadata, String expectedType) throws TufException {
        return Envelope.parse(metadata, expectedType, expectedType).signed().deepCopy();
    }

    private static void put(ArrayNode signatures, String keyId, byte[] signature) {
        for (int i = signatures.size() - 1; i >= 0; i--) {
            JsonNode existing = signatures.get(i);
            if (existing.isObject() && keyId.equals(existing.path("keyid").textValue())) {
                signatures.remove(i);
            }
        }
        signatures.addObject().put("keyid", keyId).put("sig", Hex.encode(signature));
    }

    private static byte[] write(ObjectNode envelope) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * The {@code signed} object of serialized metadata, verified: of the expected {@code _type}, and signed by at least
     * {@code threshold} of {@code keys} (each key counted once). For a repository taking metadata someone else signed
     * (a delegated role's, uploaded by its holder). Expiry and versions are the caller's to judge.
     *
     * @throws TufException MALFORMED, THRESHOLD_NOT_MET or UNSUPPORTED_KEY
     */
    public static ObjectNode verified(byte[] metadata, String expectedType, String role, java.util.Collection<TufKey> keys,
            int threshold) throws TufException {
        Envelope envelope = Envelope.parse(metadata, expectedType, role);
        java.util.Map<String, TufKey> byId = new java.util.LinkedHashMap<>();
        keys.forEach(k -> byId.put(k.keyId(), k));
        io.redflag.updates.tuf.internal.Signatures.requireThreshold(envelope, byId,
                new io.redflag.updates.tuf.internal.RoleKeys(List.copyOf(byId.keySet()), threshold), role, role + " metadata");
        return envelope.signed().deepCopy();
    }

    /** The key ids that signed serialized metadata (whether the signatures are valid is not checked). */
    public static List<String> signatureKeyIds(byte[] metadata) throws TufException {
        return Envelope.parse(metadata, null, null).signatures().stream().map(Envelope.Sig::keyId).toList();
    }
}
