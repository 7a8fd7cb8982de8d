// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.TargetInfo;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed targets metadata, top-level or delegated.
 *
 * @param header version and expiry of what was parsed
 * @param targets target path to what it says of the target
 * @param delegationKeys the keys of its delegations, by id
 * @param delegations its delegations, in priority order
 */
public record TargetsMetadata(Header header, Map<String, TargetInfo> targets, Map<String, TufKey> delegationKeys,
        List<DelegatedRole> delegations) {

    public static TargetsMetadata parse(Envelope envelope) throws TufException {
        String role = envelope.role();
        JsonNode signed = envelope.signed();
        Map<String, TargetInfo> targets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : Json.object(signed, "targets", role).properties()) {
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                throw Json.malformed(role, "target '" + e.getKey() + "' is not an object");
            }
            long length = Json.integer(t, "length", 0, role);
            JsonNode custom = t.get("custom");
            targets.put(e.getKey(), TargetInfo.of(e.getKey(), length, MetaFile.hashes(t, role),
                    custom == null || custom.isNull() ? null : custom));
        }
        Map<String, TufKey> keys = Map.of();
        List<DelegatedRole> delegations = List.of();
        JsonNode d = signed.get("delegations");
        if (d != null && !d.isNull()) {
            if (!d.isObject()) {
                throw Json.malformed(role, "'delegations' is not an object");
            }
            if (d.has("succinct_roles")) {
                throw Json.malformed(role, "succinct_roles delegations (TAP 15) are not supported");
            }
            keys = RootMetadata.keys(Json.object(d, "keys", role), role);
            delegations = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (JsonNode r : Json.array(d, "roles", role)) {
                DelegatedRole delegated = DelegatedRole.parse(r, role);
                if (!names.add(delegated.name())) {
                    throw Json.malformed(role, "delegates to '" + delegated.name() + "' twice");
                }
                delegations.add(delegated);
            }
        }
        return new TargetsMetadata(envelope.header(), targets, keys, List.copyOf(delegations));
    }

    public long version() {
        return header.version();
    }
}
