// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What trusted targets metadata says about one target: its length, its hashes and its {@code custom} data. */
public final class TargetInfo {

    private final String path;
    private final long length;
    private final Map<String, String> hashes;
    private final JsonNode custom;

    private TargetInfo(String path, long length, Map<String, String> hashes, JsonNode custom) {
        this.path = path;
        this.length = length;
        this.hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
        this.custom = custom == null ? null : custom.deepCopy();
    }

    /**
     * @param path the target path, e.g. {@code bundles/acme/scanner-1.2.0.jar}
     * @param length its length in bytes
     * @param hashes algorithm name (e.g. {@code sha256}) to hex digest, in metadata order
     * @param custom the {@code custom} value, or {@code null}
     */
    public static TargetInfo of(String path, long length, Map<String, String> hashes, JsonNode custom) {
        return new TargetInfo(path, length, hashes, custom);
    }

    /** The target path, relative to the targets base. */
    public String path() {
        return path;
    }

    /** The signed length in bytes. */
    public long length() {
        return length;
    }

    /** Algorithm name to hex digest, in the order metadata lists them. */
    public Map<String, String> hashes() {
        return hashes;
    }

    /** The {@code custom} data the repository attached, if any (a copy). */
    public Optional<JsonNode> custom() {
        return custom == null ? Optional.empty() : Optional.of(custom.deepCopy());
    }

    @Override
    public String toString() {
        return "TargetInfo[" + path + ", " + length + " bytes, " + hashes + "]";
    }
}
