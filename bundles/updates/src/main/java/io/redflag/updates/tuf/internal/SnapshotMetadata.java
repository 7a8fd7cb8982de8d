// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.TufException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed snapshot metadata.
 *
 * @param header version and expiry of what was parsed
 * @param meta {@code <role>.json} (the role name not encoded) to what snapshot says of that role
 */
public record SnapshotMetadata(Header header, Map<String, MetaFile> meta) {

    public static SnapshotMetadata parse(Envelope envelope) throws TufException {
        String role = envelope.role();
        Map<String, MetaFile> meta = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : Json.object(envelope.signed(), "meta", role).properties()) {
            meta.put(e.getKey(), MetaFile.parse(e.getValue(), role));
        }
        return new SnapshotMetadata(envelope.header(), meta);
    }

    public long version() {
        return header.version();
    }
}
