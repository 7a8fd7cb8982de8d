// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.internal.Hashes;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An in-memory TUF repository for tests, after tuf-conformance's RepositorySimulator: the current metadata of each
 * role is a builder that tests change at will; {@link #publish} bumps the version (except for a role's first
 * publication), signs with the role's signers and appends the bytes to what the repository serves. Publishing a
 * targets role updates snapshot's meta, publishing snapshot updates timestamp's. Tests may also change or replace
 * published bytes directly. As a {@link Fetcher} it serves {@code N.<role>.json}, {@code timestamp.json} and
 * hash-prefixed targets, and records every request.
 */
final class SimulatedRepository implements Fetcher {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant EXPIRY = NOW.plus(Duration.ofDays(30));

    /** When new metadata expires unless a test says otherwise. */
    final Instant expiry;
    final RootBuilder root;
    final TargetsBuilder targets;
    final SnapshotBuilder snapshot;
    final TimestampBuilder timestamp;
    final Map<String, TargetsBuilder> delegated = new LinkedHashMap<>();
    final Map<String, Map<String, MetadataSigner>> signers = new HashMap<>();
    /** Role to the bytes of each published version: version N is at index N-1. */
    final Map<String, List<byte[]>> published = new HashMap<>();
    /** Applied to a role's built {@code signed} object before signing: for metadata no builder would write. */
    final Map<String, UnaryOperator<ObjectNode>> tamper = new HashMap<>();
    final Map<String, byte[]> artifacts = new HashMap<>();
    final Map<String, Map<String, String>> artifactHashes = new HashMap<>();
    final Map<String, Supplier<InputStream>> artifactStreams = new HashMap<>();
    /** Requests as {@code role} or {@code role:version}, the role name as requested (percent-encoded). */
    final List<String> metadataRequests = new ArrayList<>();
    final List<String> targetRequests = new ArrayList<>();
    boolean computeHashesAndLength;
    long targetBytesRead;

    SimulatedRepository() {
        this(EXPIRY);
    }

    SimulatedRepository(Instant expiry) {
        this.expiry = expiry;
        root = new RootBuilder().expires(expiry);
        targets = new TargetsBuilder().expires(expiry);
        snapshot = new SnapshotBuilder().expires(expiry);
        timestamp = new TimestampBuilder().expires(expiry);
        for (String role : List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS)) {
            Ed25519Signer signer = Ed25519Signer.generate();
            root.addKey(role, signer.key());
            addSigner(role, signer);
        }
        publish(TARGETS, SNAPSHOT, TIMESTAMP, ROOT);
    }

    void addSigner(String role, MetadataSigner signer) {
        signers.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(signer.key().keyId(), signer);
    }

    /** Authorizes a new key for a role in its delegator's metadata (root for top-level roles) and signs with it. */
    Ed25519Signer addKey(String role) {
        Ed25519Signer signer = Ed25519Signer.generate();
        if (RepositoryLayout.TOP_LEVEL_ROLES.contains(role)) {
            root.addKey(role, signer.key());
        } else {
            delegatorOf(role).addDelegationKey(role, signer.key());
        }
        addSigner(role, signer);
        return signer;
    }

    private final Map<String, String> delegators = new HashMap<>();

    private TargetsBuilder delegatorOf(String role) {
        return targets(delegators.get(role));
    }

    /** Replaces a top-level role's keys with a threshold of new ones. */
    void rotateKeys(String role) {
        root.clearKeys(role);
        signers.get(role).clear();
        for (int i = 0; i < root.threshold(role); i++) {
            Ed25519Signer signer = Ed25519Signer.generate();
            root.addKey(role, signer.key());
            addSigner(role, signer);
        }
    }

    TargetsBuilder targets(String role) {
        return TARGETS.equals(role) ? targets : delegated.get(role);
    }

    /** Adds a delegation (after the delegator's others) with one new key, and the delegated role if new. */
    Ed25519Signer addDelegation(String delegator, String role, boolean terminating, List<String> paths) {
        Ed25519Signer signer = Ed25519Signer.generate();
        targets(delegator).delegate(role, List.of(signer.key()), 1, terminating, paths);
        delegated.computeIfAbsent(role, r -> new TargetsBuilder().expires(expiry));
        delegators.put(role, delegator);
        addSigner(role, signer);
        return signer;
    }

    void addArtifact(String role, String path, byte[] content) {
        targets(role).addTarget(path, content);
        artifacts.put(path, content);
        artifactHashes.put(path, Map.of("sha256", Hashes.sha256Hex(content)));
    }

    void publish(String... roles) {
        for (String role : roles) {
            List<byte[]> versions = published.computeIfAbsent(role, r -> new ArrayList<>());
            if (!versions.isEmpty()) {
                setVersion(role, version(role) + 1);
            }
            ObjectNode signed = build(role);
            signed = tamper.getOrDefault(role, UnaryOperator.identity()).apply(signed);
            byte[] bytes;
            try {
                bytes = SignedMetadata.sign(signed, signers.getOrDefault(role, Map.of()).values());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            versions.add(bytes);
            long version = signed.path("version").canConvertToExactIntegral() ? signed.get("version").longValue()
                    : version(role);
            if (TIMESTAMP.equals(role) || ROOT.equals(role)) {
                continue;
            }
            if (SNAPSHOT.equals(role)) {
                timestamp.snapshot(version, computeHashesAndLength ? bytes : null);
            } else {
                snapshot.meta(role, version, computeHashesAndLength ? bytes : null);
            }
        }
    }

    long version(String role) {
        return switch (role) {
            case ROOT -> root.version();
            case TIMESTAMP -> timestamp.version();
            case SNAPSHOT -> snapshot.version();
            default -> targets(role).version();
        };
    }

    void setVersion(String role, long version) {
        switch (role) {
            case ROOT -> root.version(version);
            case TIMESTAMP -> timestamp.version(version);
            case SNAPSHOT -> snapshot.version(version);
            default -> targets(role).version(version);
        }
    }

    private ObjectNode build(String role) {
        return switch (role) {
            case ROOT -> root.build();
            case TIMESTAMP -> timestamp.build();
            case SNAPSHOT -> snapshot.build();
            default -> targets(role).build();
        };
    }

    /** The bytes served for a role: the given version, or the latest. */
    byte[] served(String role, long version) {
        return published.get(role).get((int) version - 1);
    }

    byte[] latest(String role) {
        List<byte[]> versions = published.get(role);
        return versions.get(versions.size() - 1);
    }

    void replaceLatest(String role, byte[] bytes) {
        List<byte[]> versions = published.get(role);
        versions.set(versions.size() - 1, bytes);
    }

    /** Forgets everything published for a role, as if it had never been. */
    void unpublish(String role) {
        published.remove(role);
    }

    @Override
    public InputStream fetchMetadata(String fileName) throws IOException {
        if (!fileName.endsWith(".json")) {
            throw new FileNotFoundException(fileName);
        }
        String base = fileName.substring(0, fileName.length() - ".json".length());
        int dot = base.indexOf('.');
        String encodedRole = dot < 0 ? base : base.substring(dot + 1);
        Long version = null;
        if (dot >= 0 && (encodedRole.equals(ROOT) || root.consistentSnapshot() && !base.equals(TIMESTAMP))) {
            try {
                version = Long.parseLong(base.substring(0, dot));
            } catch (NumberFormatException e) {
                throw new FileNotFoundException(fileName);
            }
        } else {
            encodedRole = base;
        }
        metadataRequests.add(version == null ? encodedRole : encodedRole + ":" + version);
        String role = URLDecoder.decode(encodedRole.replace("+", "%2B"), StandardCharsets.UTF_8);
        List<byte[]> versions = published.get(role);
        if (versions == null || versions.isEmpty()) {
            throw new FileNotFoundException(fileName);
        }
        if (version == null) {
            return new ByteArrayInputStream(versions.get(versions.size() - 1));
        }
        if (version < 1 || version > versions.size()) {
            throw new FileNotFoundException(fileName);
        }
        return new ByteArrayInputStream(versions.get((int) (version - 1)));
    }

    @Override
    public InputStream fetchTarget(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String file = path.substring(slash + 1);
        String prefix = null;
        if (root.consistentSnapshot()) {
            int dot = file.indexOf('.');
            if (dot < 0) {
                throw new FileNotFoundException(path);
            }
            prefix = file.substring(0, dot);
            file = file.substring(dot + 1);
        }
        String target = dir + file;
        targetRequests.add(prefix == null ? target : target + "@" + prefix);
        Map<String, String> hashes = artifactHashes.get(target);
        if (hashes == null || prefix != null && !hashes.containsValue(prefix)) {
            throw new FileNotFoundException(path);
        }
        Supplier<InputStream> stream = artifactStreams.get(target);
        InputStream in = stream != null ? stream.get() : new ByteArrayInputStream(artifacts.get(target));
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    targetBytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    targetBytesRead += n;
                }
                return n;
            }
        };
    }
}
