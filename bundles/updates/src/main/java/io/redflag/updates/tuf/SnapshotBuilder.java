// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Hashes;
import io.redflag.updates.tuf.internal.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@code signed} part of snapshot metadata: the version of the top-level targets metadata and of every
 * delegated targets role, optionally with the length and SHA-256 of the bytes published.
 */
public final class SnapshotBuilder {

    private long version = 1;
    private Instant expires;
    private final Map<String, ObjectNode> meta = new LinkedHashMap<>();

    /** The metadata version, at least 1 (1 to start with); bump it for every change. */
    public SnapshotBuilder version(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        this.version = version;
        return this;
    }

    /** The metadata version the next {@link #build()} writes. */
    public long version() {
        return version;
    }

    /** When clients stop trusting this metadata. Required. */
    public SnapshotBuilder expires(Instant expires) {
        this.expires = Objects.requireNonNull(expires);
        return this;
    }

    /** Lists a targets role ({@code targets} or a delegated one) at a version, without length or hashes. */
    public SnapshotBuilder meta(String role, long version) {
        meta.put(RepositoryLayout.metaName(role), metaFile(version, null));
        return this;
    }

    /** Lists a targets role at a version with the length and SHA-256 of its published bytes. */
    public SnapshotBuilder meta(String role, long version, byte[] published) {
        meta.put(RepositoryLayout.metaName(role), metaFile(version, published));
        return this;
    }

    /** Stops listing a role. */
    public SnapshotBuilder removeMeta(String role) {
        meta.remove(RepositoryLayout.metaName(role));
        return this;
    }

    static ObjectNode metaFile(long version, byte[] published) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", version);
        if (published != null) {
            node.put("length", published.length);
            node.putObject("hashes").put("sha256", Hashes.sha256Hex(published));
        }
        return node;
    }

    /** The {@code signed} object. */
    public ObjectNode build() {
        if (expires == null) {
            throw new IllegalStateException("expires is required");
        }
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("_type", RepositoryLayout.SNAPSHOT);
        signed.put("spec_version", RootBuilder.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", Json.format(expires));
        ObjectNode metaNode = signed.putObject("meta");
        meta.forEach((file, m) -> metaNode.set(file, m.deepCopy()));
        return signed;
    }
}
