// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed root metadata.
 *
 * @param header version and expiry of what was parsed
 * @param consistentSnapshot whether the repository serves versioned metadata and hash-prefixed targets
 * @param keys key id to key
 * @param roles role name to its keys and threshold; always holds the four top-level roles
 */
public record RootMetadata(Header header, boolean consistentSnapshot, Map<String, TufKey> keys,
        Map<String, RoleKeys> roles) {

    public static RootMetadata parse(Envelope envelope) throws TufException {
        String role = envelope.role();
        JsonNode signed = envelope.signed();
        boolean consistent = Json.bool(signed, "consistent_snapshot", false, role);
        Map<String, TufKey> keys = keys(Json.object(signed, "keys", role), role);
        Map<String, RoleKeys> roles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : Json.object(signed, "roles", role).properties()) {
            roles.put(e.getKey(), RoleKeys.parse(e.getValue(), role));
        }
        for (String topLevel : RepositoryLayout.TOP_LEVEL_ROLES) {
            if (!roles.containsKey(topLevel)) {
                throw Json.malformed(role, "no keys for the " + topLevel + " role");
            }
        }
        return new RootMetadata(envelope.header(), consistent, keys, roles);
    }

    /** A {@code keys} object: key id to key. */
    static Map<String, TufKey> keys(JsonNode keysNode, String role) throws TufException {
        Map<String, TufKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : keysNode.properties()) {
            keys.put(e.getKey(), TufKey.fromJson(e.getKey(), e.getValue(), role));
        }
        return keys;
    }

    public long version() {
        return header.version();
    }

    public RoleKeys role(String name) {
        return roles.get(name);
    }
}
