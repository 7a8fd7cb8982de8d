// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.CanonicalJson;
import io.redflag.updates.tuf.TufException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parsed signed metadata: the {@code signed} object exactly as read (unknown fields kept), its canonical bytes (what
 * the signatures are over), and the signatures.
 *
 * @param role the role this metadata is for, for messages
 * @param signed the {@code signed} object
 * @param canonical its canonical JSON
 * @param signatures the signatures, with unique key ids
 * @param version the {@code version}
 * @param expires the {@code expires} date-time
 */
public record Envelope(String role, ObjectNode signed, byte[] canonical, List<Sig> signatures, long version,
        Instant expires) {

    /** One signature: the key id and the hex signature (perhaps not hex at all: then it is just invalid). */
    public record Sig(String keyId, String hex) {
    }

    /**
     * Parses signed metadata and its common fields.
     *
     * @param expectedType the {@code _type} it must have, or {@code null} for any
     * @param role the role, for messages
     * @throws TufException MALFORMED for anything that is not well-formed metadata of that type, including two
     *         signatures with the same key id (the specification forbids them)
     */
    public static Envelope parse(byte[] data, String expectedType, String role) throws TufException {
        ObjectNode root = Json.parseObject(data, role);
        ObjectNode signed = Json.object(root, "signed", role);
        List<Sig> sigs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode s : Json.array(root, "signatures", role)) {
            if (!s.isObject()) {
                throw Json.malformed(role, "a signature is not an object");
            }
            String keyId = Json.string(s, "keyid", role);
            if (!seen.add(keyId)) {
                throw Json.malformed(role, "two signatures with key id " + keyId);
            }
            sigs.add(new Sig(keyId, Json.string(s, "sig", role)));
        }
        String type = Json.string(signed, "_type", role);
        if (expectedType != null && !expectedType.equals(type)) {
            throw Json.malformed(role, "_type is '" + type + "', expected '" + expectedType + "'");
        }
        checkSpecVersion(Json.string(signed, "spec_version", role), role);
        long version = Json.integer(signed, "version", 1, role);
        Instant expires = Json.instant(signed, "expires", role);
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(signed);
        } catch (IllegalArgumentException e) {
            throw Json.malformed(role, "no canonical form: " + e.getMessage());
        }
        return new Envelope(role, signed, canonical, List.copyOf(sigs), version, expires);
    }

    /** "1.x" or "1.x.y": any 1.x metadata is readable by a 1.0 client (minor versions only add). */
    private static void checkSpecVersion(String specVersion, String role) throws TufException {
        String[] parts = specVersion.split("\\.", -1);
        boolean numeric = parts.length == 2 || parts.length == 3;
        for (String p : parts) {
            numeric &= !p.isEmpty() && p.chars().allMatch(c -> c >= '0' && c <= '9');
        }
        if (!numeric || !parts[0].equals("1")) {
            throw Json.malformed(role, "unsupported spec_version '" + specVersion + "'");
        }
    }

    public Header header() {
        return new Header(role, version, expires);
    }

    /** Throws EXPIRED (a possible freeze attack) when expired at {@code now}. */
    public void requireNotExpired(Instant now) throws TufException {
        header().requireNotExpired(now);
    }
}
