// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.TufException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keys authorized for a role and how many of them must sign. A key id listed twice counts once.
 *
 * @param keyIds the authorized key ids, without repeats
 * @param threshold how many distinct keys must sign, at least 1
 */
public record RoleKeys(List<String> keyIds, int threshold) {

    public static RoleKeys parse(JsonNode node, String role) throws TufException {
        if (!node.isObject()) {
            throw Json.malformed(role, "a role entry is not an object");
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(Json.strings(node, "keyids", role)));
        long threshold = Json.integer(node, "threshold", 1, role);
        return new RoleKeys(ids, (int) Math.min(threshold, Integer.MAX_VALUE));
    }
}
