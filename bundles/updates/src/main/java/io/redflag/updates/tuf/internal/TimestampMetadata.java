// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TufException;

/**
 * Parsed timestamp metadata.
 *
 * @param header version and expiry of what was parsed
 * @param snapshot what it says of the current snapshot
 */
public record TimestampMetadata(Header header, MetaFile snapshot) {

    public static TimestampMetadata parse(Envelope envelope) throws TufException {
        String role = envelope.role();
        var meta = Json.object(envelope.signed(), "meta", role);
        String name = RepositoryLayout.metaName(RepositoryLayout.SNAPSHOT);
        if (!meta.has(name)) {
            throw Json.malformed(role, "meta does not list " + name);
        }
        return new TimestampMetadata(envelope.header(), MetaFile.parse(meta.get(name), role));
    }

    public long version() {
        return header.version();
    }
}
