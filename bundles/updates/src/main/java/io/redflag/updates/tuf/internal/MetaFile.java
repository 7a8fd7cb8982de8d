// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.TufException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What timestamp says of snapshot, or snapshot of a targets role: its version, and maybe its length and hashes.
 *
 * @param version the version the referred metadata must have
 * @param length its length in bytes, or -1 when not given
 * @param hashes algorithm to hex digest; empty when not given
 */
public record MetaFile(long version, long length, Map<String, String> hashes) {

    public static MetaFile parse(JsonNode node, String role) throws TufException {
        if (!node.isObject()) {
            throw Json.malformed(role, "a meta entry is not an object");
        }
        long version = Json.integer(node, "version", 1, role);
        long length = node.hasNonNull("length") ? Json.integer(node, "length", 0, role) : -1;
        Map<String, String> hashes = node.hasNonNull("hashes") ? hashes(node, role) : Map.of();
        return new MetaFile(version, length, hashes);
    }

    /** A non-empty {@code hashes} object of strings, in order. */
    static Map<String, String> hashes(JsonNode node, String role) throws TufException {
        JsonNode h = Json.object(node, "hashes", role);
        if (h.isEmpty()) {
            throw Json.malformed(role, "'hashes' is empty");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            if (!e.getValue().isTextual()) {
                throw Json.malformed(role, "hash '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** The download limit: the signed length when given, else the configured cap. */
    public long limit(long cap) {
        return length >= 0 ? length : cap;
    }
}
