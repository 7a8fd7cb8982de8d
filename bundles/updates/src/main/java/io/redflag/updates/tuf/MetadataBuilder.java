// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * What the four roles' builders share: a version, an expiry, and the fields every {@code signed} object starts with
 * ({@code _type}, {@code spec_version}, {@code version}, {@code expires}).
 *
 * @param <B> the builder itself, so that the setters chain
 */
public abstract class MetadataBuilder<B extends MetadataBuilder<B>> {

    private final String type;
    private long version = 1;
    private Instant expires;

    MetadataBuilder(String type) {
        this.type = type;
    }

    /** The metadata version, at least 1 (1 to start with); bump it for every change. */
    public final B version(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        this.version = version;
        return self();
    }

    /** The metadata version the next {@link #build()} writes. */
    public final long version() {
        return version;
    }

    /** When clients stop trusting this metadata. Required. */
    public final B expires(Instant expires) {
        this.expires = Objects.requireNonNull(expires);
        return self();
    }

    /** The {@code signed} object. */
    public abstract ObjectNode build();

    /** A new {@code signed} object with the fields every role starts with. */
    final ObjectNode header() {
        if (expires == null) {
            throw new IllegalStateException("expires is required");
        }
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("_type", type);
        signed.put("spec_version", RootBuilder.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", Json.format(expires));
        return signed;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
