// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds the {@code signed} part of timestamp metadata: the current snapshot's version, optionally with the length
 * and SHA-256 of its published bytes. Timestamp is re-signed often, with a short expiry, by an online key.
 */
public final class TimestampBuilder {

    private long version = 1;
    private Instant expires;
    private ObjectNode snapshot = SnapshotBuilder.metaFile(1, null);

    /** The metadata version, at least 1 (1 to start with); bump it for every change. */
    public TimestampBuilder version(long version) {
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
    public TimestampBuilder expires(Instant expires) {
        this.expires = Objects.requireNonNull(expires);
        return this;
    }

    /** Points at a snapshot version, without length or hashes. */
    public TimestampBuilder snapshot(long snapshotVersion) {
        this.snapshot = SnapshotBuilder.metaFile(snapshotVersion, null);
        return this;
    }

    /** Points at a snapshot version, with the length and SHA-256 of its published bytes. */
    public TimestampBuilder snapshot(long snapshotVersion, byte[] published) {
        this.snapshot = SnapshotBuilder.metaFile(snapshotVersion, published);
        return this;
    }

    /** The {@code signed} object. */
    public ObjectNode build() {
        if (expires == null) {
            throw new IllegalStateException("expires is required");
        }
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("_type", RepositoryLayout.TIMESTAMP);
        signed.put("spec_version", RootBuilder.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", Json.format(expires));
        signed.putObject("meta").set(RepositoryLayout.metaName(RepositoryLayout.SNAPSHOT), snapshot.deepCopy());
        return signed;
    }
}
