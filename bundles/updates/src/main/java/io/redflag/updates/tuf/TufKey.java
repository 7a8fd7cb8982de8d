// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Hashes;
import io.redflag.updates.tuf.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * A public key as TUF metadata lists it: {@code {"keytype": …, "scheme": …, "keyval": {"public": …}}} under its key
 * id, the hex SHA-256 of the key object's canonical JSON.
 * <p>
 * A key read from metadata keeps the id it is listed under and every field it had, unknown ones included. Clients do
 * not recompute listed ids (real repositories list keys under ids computed otherwise); what keeps one key from
 * counting twice towards a threshold is that signatures are counted per distinct public key.
 */
public final class TufKey {

    /** Key type and scheme of Ed25519 keys; their {@code public} value is 64 hex digits. */
    public static final String ED25519 = "ed25519";
    /** Key type of ECDSA keys (PEM public value); the scheme is {@link #ECDSA_P256} or {@code ecdsa-sha2-nistp384}. */
    public static final String ECDSA = "ecdsa";
    /** Scheme of ECDSA keys on NIST P-256 with SHA-256. */
    public static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
    /** Key type of RSA keys (PEM public value); the scheme is {@link #RSA_PSS_SHA256} or {@code rsa-pkcs1v15-…}. */
    public static final String RSA = "rsa";
    /** Scheme of RSA-PSS signatures with SHA-256. */
    public static final String RSA_PSS_SHA256 = "rsassa-pss-sha256";

    private final String keyId;
    private final ObjectNode json;

    private TufKey(String keyId, ObjectNode json) {
        this.keyId = keyId;
        this.json = json;
    }

    /** A key with these values; its id is computed. */
    public static TufKey of(String keyType, String scheme, String publicValue) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("keytype", keyType);
        json.put("scheme", scheme);
        json.putObject("keyval").put("public", publicValue);
        return new TufKey(computeId(json), json);
    }

    /**
     * A key from its JSON object; its id is computed.
     *
     * @throws TufException ({@link TufException.Reason#MALFORMED}) when keytype, scheme or keyval is missing
     */
    public static TufKey fromJson(JsonNode json) throws TufException {
        ObjectNode copy = checked(json, null);
        return new TufKey(computeId(copy), copy);
    }

    /**
     * A key as metadata lists it, under {@code keyId}, which is kept as is.
     *
     * @param role the role whose metadata lists it, for messages
     * @throws TufException ({@link TufException.Reason#MALFORMED}) when keytype, scheme or keyval is missing
     */
    public static TufKey fromJson(String keyId, JsonNode json, String role) throws TufException {
        return new TufKey(Objects.requireNonNull(keyId, "keyId"), checked(json, role));
    }

    private static ObjectNode checked(JsonNode json, String role) throws TufException {
        if (json == null || !json.isObject()) {
            throw Json.malformed(role, "a key is not an object");
        }
        Json.string(json, "keytype", role);
        Json.string(json, "scheme", role);
        JsonNode keyval = Json.object(json, "keyval", role);
        JsonNode pub = keyval.get("public");
        if (pub != null && !pub.isTextual()) {
            throw Json.malformed(role, "a key's keyval.public is not a string");
        }
        return json.deepCopy();
    }

    private static String computeId(ObjectNode json) {
        return Hashes.sha256Hex(CanonicalJson.encode(json));
    }

    /** The id metadata lists this key under. */
    public String keyId() {
        return keyId;
    }

    /** For example {@code ed25519}, {@code ecdsa} or {@code rsa}. */
    public String keyType() {
        return json.get("keytype").textValue();
    }

    /** For example {@code ed25519}, {@code ecdsa-sha2-nistp256} or {@code rsassa-pss-sha256}. */
    public String scheme() {
        return json.get("scheme").textValue();
    }

    /** The {@code keyval.public} value: hex for Ed25519, PEM for ECDSA and RSA; empty for a key without one. */
    public Optional<String> publicValue() {
        JsonNode pub = json.get("keyval").get("public");
        return pub == null ? Optional.empty() : Optional.of(pub.textValue());
    }

    /** The key object, as metadata lists it (a copy). */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TufKey k && k.keyId.equals(keyId) && k.json.equals(json);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return keyType() + "/" + scheme() + " key " + keyId;
    }
}
