// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Hashes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the {@code signed} part of snapshot metadata: the version of the top-level targets metadata and of every
 * delegated targets role, optionally with the length and SHA-256 of the bytes published.
 */
public final class SnapshotBuilder extends MetadataBuilder<SnapshotBuilder> {

    public SnapshotBuilder() {
        super(RepositoryLayout.SNAPSHOT);
    }

    private final Map<String, ObjectNode> meta = new LinkedHashMap<>();




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

    @Override
    public ObjectNode build() {
        ObjectNode signed = header();
        ObjectNode metaNode = signed.putObject("meta");
        meta.forEach((file, m) -> metaNode.set(file, m.deepCopy()));
        return signed;
    }
}
