// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code signed} part of timestamp metadata: the current snapshot's version, optionally with the length
 * and SHA-256 of its published bytes. Timestamp is re-signed often, with a short expiry, by an online key.
 */
public final class TimestampBuilder extends MetadataBuilder<TimestampBuilder> {

    public TimestampBuilder() {
        super(RepositoryLayout.TIMESTAMP);
    }

    private ObjectNode snapshot = SnapshotBuilder.metaFile(1, null);




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

    @Override
    public ObjectNode build() {
        ObjectNode signed = header();
        signed.putObject("meta").set(RepositoryLayout.metaName(RepositoryLayout.SNAPSHOT), snapshot.deepCopy());
        return signed;
    }
}
