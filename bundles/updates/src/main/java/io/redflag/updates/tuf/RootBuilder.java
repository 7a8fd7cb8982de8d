// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code signed} part of root metadata: the keys and threshold of each top-level role, and
 * {@code consistent_snapshot} (on by default). A builder is mutable and may be built again after changes, which is
 * how a repository rotates keys: change the keys, bump the version, build, and sign with a threshold of the old
 * root keys as well as of the new ones.
 */
public final class RootBuilder extends MetadataBuilder<RootBuilder> {

    /** The {@code spec_version} builders write. */
    public static final String SPEC_VERSION = "1.0.31";

    private boolean consistentSnapshot = true;
    private final Map<String, TufKey> keys = new LinkedHashMap<>();
    private final Map<String, List<String>> roleKeys = new LinkedHashMap<>();
    private final Map<String, Integer> thresholds = new LinkedHashMap<>();

    /** A root with the four top-level roles, no keys yet, threshold 1 each. */
    public RootBuilder() {
        super(RepositoryLayout.ROOT);
        for (String role : List.of(RepositoryLayout.ROOT, RepositoryLayout.TIMESTAMP, RepositoryLayout.SNAPSHOT,
                RepositoryLayout.TARGETS)) {
            roleKeys.put(role, new ArrayList<>());
            thresholds.put(role, 1);
        }
    }




    /** Whether the repository publishes versioned metadata and hash-prefixed targets (true by default). */
    public RootBuilder consistentSnapshot(boolean consistentSnapshot) {
        this.consistentSnapshot = consistentSnapshot;
        return this;
    }

    /** Whether {@code consistent_snapshot} is on. */
    public boolean consistentSnapshot() {
        return consistentSnapshot;
    }

    /** The threshold of a role. */
    public int threshold(String role) {
        roleKeys(role);
        return thresholds.get(role);
    }

    /** Authorizes {@code key} for a top-level role (once; adding it again changes nothing). */
    public RootBuilder addKey(String role, TufKey key) {
        List<String> ids = roleKeys(role);
        keys.put(key.keyId(), key);
        if (!ids.contains(key.keyId())) {
            ids.add(key.keyId());
        }
        return this;
    }

    /** Revokes a key for a role; a key no role uses any more leaves the key list. */
    public RootBuilder removeKey(String role, String keyId) {
        roleKeys(role).remove(keyId);
        if (roleKeys.values().stream().noneMatch(ids -> ids.contains(keyId))) {
            keys.remove(keyId);
        }
        return this;
    }

    /** Revokes every key of a role. */
    public RootBuilder clearKeys(String role) {
        for (String keyId : List.copyOf(roleKeys(role))) {
            removeKey(role, keyId);
        }
        return this;
    }

    /** How many of the role's keys must sign, at least 1. */
    public RootBuilder threshold(String role, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        roleKeys(role);
        thresholds.put(role, threshold);
        return this;
    }

    /** The ids of the keys authorized for a role, in order. */
    public List<String> keyIds(String role) {
        return List.copyOf(roleKeys(role));
    }

    private List<String> roleKeys(String role) {
        List<String> ids = roleKeys.get(role);
        if (ids == null) {
            throw new IllegalArgumentException("not a top-level role: " + role);
        }
        return ids;
    }

    @Override
    public ObjectNode build() {
        ObjectNode signed = header();
        signed.put("consistent_snapshot", consistentSnapshot);
        ObjectNode keysNode = signed.putObject("keys");
        keys.forEach((id, key) -> keysNode.set(id, key.toJson()));
        ObjectNode roles = signed.putObject("roles");
        roleKeys.forEach((role, ids) -> {
            ObjectNode r = roles.putObject(role);
            ids.forEach(r.putArray("keyids")::add);
            r.put("threshold", thresholds.get(role));
        });
        return signed;
    }
}
