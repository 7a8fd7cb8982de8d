// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TufException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One delegation of a targets role.
 *
 * @param name the delegated role's name
 * @param keys its keys and threshold (the keys are in the delegator's {@code delegations.keys})
 * @param terminating whether a search that reaches it goes no further than it and its own delegations
 * @param paths the path patterns it is trusted for, or {@code null}
 * @param hashPrefixes the hex prefixes of path hashes it is trusted for, or {@code null}
 */
public record DelegatedRole(String name, RoleKeys keys, boolean terminating, List<String> paths,
        List<String> hashPrefixes) {

    public static DelegatedRole parse(JsonNode node, String role) throws TufException {
        if (!node.isObject()) {
            throw Json.malformed(role, "a delegated role is not an object");
        }
        String name = Json.string(node, "name", role);
        if (RepositoryLayout.TOP_LEVEL_ROLES.contains(name)) {
            throw Json.malformed(role, "delegates to a role called '" + name + "', the name of a top-level role");
        }
        RoleKeys keys = RoleKeys.parse(node, role);
        boolean terminating = Json.bool(node, "terminating", false, role);
        List<String> paths = node.hasNonNull("paths") ? Json.strings(node, "paths", role) : null;
        List<String> prefixes = node.hasNonNull("path_hash_prefixes")
                ? Json.strings(node, "path_hash_prefixes", role) : null;
        if (paths != null && prefixes != null) {
            throw Json.malformed(role, "delegation to '" + name + "' has both paths and path_hash_prefixes");
        }
        return new DelegatedRole(name, keys, terminating, paths, prefixes);
    }

    /**
     * Whether this role is trusted for the target. A delegation with neither paths nor prefixes is trusted for
     * nothing: the specification leaves it undefined, and nothing is the safe reading.
     */
    public boolean covers(String targetPath) {
        if (paths != null) {
            return paths.stream().anyMatch(p -> PathPattern.matches(p, targetPath));
        }
        if (hashPrefixes != null) {
            String hash = Hashes.sha256Hex(targetPath.getBytes(StandardCharsets.UTF_8));
            return hashPrefixes.stream().anyMatch(p -> hash.startsWith(p.toLowerCase(Locale.ROOT)));
        }
        return false;
    }
}
