// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Hashes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code signed} part of targets metadata, top-level or delegated: the targets it lists (length, hashes,
 * optional {@code custom} object) and the roles it delegates to, in priority order (one per plug-in publisher, say,
 * each trusted for its own paths).
 */
public final class TargetsBuilder extends MetadataBuilder<TargetsBuilder> {

    public TargetsBuilder() {
        super(RepositoryLayout.TARGETS);
    }

    private final Map<String, ObjectNode> targets = new LinkedHashMap<>();
    private final Map<String, TufKey> delegationKeys = new LinkedHashMap<>();
    private final List<ObjectNode> delegatedRoles = new ArrayList<>();




    /** Lists a target with the length and SHA-256 of its content. */
    public TargetsBuilder addTarget(String path, byte[] content) {
        return addTarget(path, content, null);
    }

    /** Lists a target with the length and SHA-256 of its content and a {@code custom} value (or {@code null}). */
    public TargetsBuilder addTarget(String path, byte[] content, JsonNode custom) {
        return addTarget(path, content.length, Map.of("sha256", Hashes.sha256Hex(content)), custom);
    }

    /** Lists a target with a known length and hashes (algorithm name to hex), e.g. for a file streamed elsewhere. */
    public TargetsBuilder addTarget(String path, long length, Map<String, String> hashes, JsonNode custom) {
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one hash");
        }
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        target.put("length", length);
        ObjectNode h = target.putObject("hashes");
        hashes.forEach(h::put);
        if (custom != null) {
            target.set("custom", custom.deepCopy());
        }
        targets.put(path, target);
        return this;
    }

    /** Stops listing a target. */
    public TargetsBuilder removeTarget(String path) {
        targets.remove(path);
        return this;
    }

    /**
     * Delegates the targets matching {@code paths} (shell-style patterns, {@code *} and {@code ?} never matching
     * {@code /}) to a role, after the delegations added before it.
     *
     * @param terminating whether a search that reaches this role stops with it (and its own delegations)
     */
    public TargetsBuilder delegate(String role, List<TufKey> keys, int threshold, boolean terminating,
            List<String> paths) {
        ObjectNode r = delegation(role, keys, threshold, terminating);
        paths.forEach(r.putArray("paths")::add);
        return this;
    }

    /** Delegates the targets whose path's SHA-256 (hex) starts with one of {@code prefixes} to a role ("hash bins"). */
    public TargetsBuilder delegateHashPrefixes(String role, List<TufKey> keys, int threshold, boolean terminating,
            List<String> prefixes) {
        ObjectNode r = delegation(role, keys, threshold, terminating);
        prefixes.forEach(r.putArray("path_hash_prefixes")::add);
        return this;
    }

    private ObjectNode delegation(String role, List<TufKey> keys, int threshold, boolean terminating) {
        if (RepositoryLayout.TOP_LEVEL_ROLES.contains(role)) {
            throw new IllegalArgumentException("a delegated role cannot be called " + role);
        }
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        removeDelegation(role);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", role);
        ArrayNode ids = r.putArray("keyids");
        for (TufKey key : keys) {
            delegationKeys.put(key.keyId(), key);
            ids.add(key.keyId());
        }
        r.put("threshold", threshold);
        r.put("terminating", terminating);
        delegatedRoles.add(r);
        return r;
    }

    /** Authorizes one more key for a delegated role. */
    public TargetsBuilder addDelegationKey(String role, TufKey key) {
        ObjectNode r = delegatedRoles.stream().filter(d -> d.get("name").textValue().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no delegation to " + role));
        delegationKeys.put(key.keyId(), key);
        ArrayNode ids = (ArrayNode) r.get("keyids");
        if (!containsText(ids, key.keyId())) {
            ids.add(key.keyId());
        }
        return this;
    }

    private static boolean containsText(ArrayNode array, String text) {
        for (JsonNode n : array) {
            if (text.equals(n.textValue())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the delegation to a role (its keys go when no other delegation uses them). */
    public TargetsBuilder removeDelegation(String role) {
        delegatedRoles.removeIf(d -> d.get("name").textValue().equals(role));
        return this;
    }

    @Override
    public ObjectNode build() {
        ObjectNode signed = header();
        ObjectNode t = signed.putObject("targets");
        targets.forEach((path, target) -> t.set(path, target.deepCopy()));
        if (!delegatedRoles.isEmpty()) {
            ObjectNode delegations = signed.putObject("delegations");
            ObjectNode keys = delegations.putObject("keys");
            // only keys some role still uses
            for (ObjectNode r : delegatedRoles) {
                for (JsonNode id : r.get("keyids")) {
                    keys.set(id.textValue(), delegationKeys.get(id.textValue()).toJson());
                }
            }
            ArrayNode roles = delegations.putArray("roles");
            delegatedRoles.forEach(r -> roles.add(r.deepCopy()));
        }
        return signed;
    }
}
