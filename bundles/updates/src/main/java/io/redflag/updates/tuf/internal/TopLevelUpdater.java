// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;

import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of the top-level metadata, the specification's detailed client workflow 5.2 to 5.6.6: trusted root,
 * root rotation, timestamp, snapshot, targets. Each piece of metadata is persisted as soon as it is trusted, so a
 * failure later in the workflow leaves what came before it in place (and the next refresh starts from there).
 * <p>
 * Stored timestamp and snapshot that still verify under the current root are used as "intermediate" metadata:
 * for rollback checks even when expired, and as final when they are still the versions the newer metadata lists
 * (then nothing is downloaded again).
 */
public final class TopLevelUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(TopLevelUpdater.class);

    private final MetadataStore store;
    private final Remote remote;
    private final Limits limits;
    private final Instant now;

    public TopLevelUpdater(MetadataStore store, Remote remote, Limits limits, Instant now) {
        this.store = store;
        this.remote = remote;
        this.limits = limits;
        this.now = now;
    }

    public TrustedState run() throws TufException {
        RootMetadata trusted = loadTrustedRoot();
        RootMetadata root = updateRoot(trusted);
        // 5.3.11: new timestamp or snapshot keys mean the stored versions may be an attacker's fast-forward. Done
        // before the expiry check of 5.3.10 (not after, as the specification orders them): the new root is persisted
        // either way, and a refresh failing on its expiry would otherwise never compare these keys again.
        if (root != trusted && (keysChanged(trusted, root, TIMESTAMP) || keysChanged(trusted, root, SNAPSHOT))) {
            LOG.debug("Timestamp or snapshot keys rotated: forgetting the stored timestamp and snapshot");
            store.delete(TIMESTAMP);
            store.delete(SNAPSHOT);
        }
        // 5.3.10: only the final root must be unexpired; it stays persisted, so the next update starts from it
        root.header().requireNotExpired(now);
        TimestampMetadata timestamp = updateTimestamp(root);
        SnapshotMetadata snapshot = updateSnapshot(root, timestamp);
        TargetsMetadata targets = new TargetsLoader(store, remote, limits)
                .load(TARGETS, ROOT, root.keys(), root.role(TARGETS), snapshot, root.consistentSnapshot(), now);
        return new TrustedState(root, timestamp, snapshot, targets, now);
    }

    private RootMetadata loadTrustedRoot() throws TufException {
        byte[] data = store.read(ROOT, limits.rootMaxLength()).orElseThrow(() -> new TufException(
                Reason.METADATA_NOT_FOUND, ROOT, "no trusted root.json in the metadata folder: initialize it first"));
        Envelope envelope = Envelope.parse(data, ROOT, ROOT);
        RootMetadata root = RootMetadata.parse(envelope);
        Signatures.requireThreshold(envelope, root.keys(), root.role(ROOT), ROOT,
                "trusted root v" + root.version() + " (its own keys)");
        return root;
    }

    /** 5.3.2-5.3.9: walk N+1.root.json, N+2… each signed by a threshold of the previous root's keys and its own. */
    private RootMetadata updateRoot(RootMetadata root) throws TufException {
        for (int i = 0; i < limits.maxRootRotations(); i++) {
            long next = root.version() + 1;
            Optional<byte[]> data = remote.metadataIfPresent(RepositoryLayout.versionedFile(ROOT, next),
                    limits.rootMaxLength(), ROOT);
            if (data.isEmpty()) {
                break;
            }
            Envelope envelope = Envelope.parse(data.get(), ROOT, ROOT);
            RootMetadata candidate = RootMetadata.parse(envelope);
            Signatures.requireThreshold(envelope, root.keys(), root.role(ROOT), ROOT,
                    next + ".root.json (keys of trusted root v" + root.version() + ")");
            Signatures.requireThreshold(envelope, candidate.keys(), candidate.role(ROOT), ROOT,
                    next + ".root.json (its own keys)");
            if (candidate.version() != next) {
                throw new TufException(candidate.version() < next ? Reason.ROLLBACK : Reason.VERSION_MISMATCH, ROOT,
                        next + ".root.json holds root v" + candidate.version() + ", expected v" + next);
            }
            store.write(ROOT, data.get());
            root = candidate;
        }
        return root;
    }

    private static boolean keysChanged(RootMetadata before, RootMetadata after, String role) {
        return !Set.copyOf(before.role(role).keyIds()).equals(Set.copyOf(after.role(role).keyIds()));
    }

    /** 5.4: the timestamp; a version equal to the trusted one keeps the trusted one (nothing changed). */
    private TimestampMetadata updateTimestamp(RootMetadata root) throws TufException {
        TimestampMetadata trusted = local(TIMESTAMP, limits.timestampMaxLength(), root)
                .map(e -> parseQuietly(() -> TimestampMetadata.parse(e))).orElse(null);
        byte[] data = remote.metadata(RepositoryLayout.unversionedFile(TIMESTAMP), limits.timestampMaxLength(),
                TIMESTAMP);
        Envelope envelope = Envelope.parse(data, TIMESTAMP, TIMESTAMP);
        Signatures.requireThreshold(envelope, root.keys(), root.role(TIMESTAMP), TIMESTAMP,
                "timestamp v" + envelope.version());
        TimestampMetadata timestamp = TimestampMetadata.parse(envelope);
        if (trusted != null) {
            if (timestamp.version() < trusted.version()) {
                throw rollback(TIMESTAMP, "timestamp", trusted.version(), timestamp.version());
            }
            if (timestamp.version() == trusted.version()) {
                trusted.header().requireNotExpired(now);
                return trusted;
            }
            if (timestamp.snapshot().version() < trusted.snapshot().version()) {
                throw rollback(TIMESTAMP, "snapshot version listed in timestamp", trusted.snapshot().version(),
                        timestamp.snapshot().version());
            }
        }
        envelope.requireNotExpired(now);
        store.write(TIMESTAMP, data);
        return timestamp;
    }

    /** 5.5: the snapshot timestamp lists, checked against the stored one for rollbacks. */
    private SnapshotMetadata updateSnapshot(RootMetadata root, TimestampMetadata timestamp) throws TufException {
        MetaFile meta = timestamp.snapshot();
        SnapshotMetadata trusted = local(SNAPSHOT, limits.snapshotMaxLength(), root)
                .map(e -> parseQuietly(() -> SnapshotMetadata.parse(e))).orElse(null);
        if (trusted != null && trusted.version() == meta.version() && !trusted.header().expiredAt(now)) {
            return trusted;
        }
        String file = root.consistentSnapshot() ? RepositoryLayout.versionedFile(SNAPSHOT, meta.version())
                : RepositoryLayout.unversionedFile(SNAPSHOT);
        byte[] data = remote.metadata(file, meta.limit(limits.snapshotMaxLength()), SNAPSHOT);
        Hashes.checkBytes(data, meta.length(), meta.hashes(), SNAPSHOT, "snapshot.json");
        Envelope envelope = Envelope.parse(data, SNAPSHOT, SNAPSHOT);
        Signatures.requireThreshold(envelope, root.keys(), root.role(SNAPSHOT), SNAPSHOT,
                "snapshot v" + envelope.version());
        if (envelope.version() != meta.version()) {
            throw new TufException(Reason.VERSION_MISMATCH, SNAPSHOT, "timestamp lists snapshot v" + meta.version()
                    + " but the repository served v" + envelope.version() + " (mix-and-match)");
        }
        SnapshotMetadata snapshot = SnapshotMetadata.parse(envelope);
        if (trusted != null) {
            if (snapshot.version() < trusted.version()) {
                throw rollback(SNAPSHOT, "snapshot", trusted.version(), snapshot.version());
            }
            for (Map.Entry<String, MetaFile> e : trusted.meta().entrySet()) {
                MetaFile listed = snapshot.meta().get(e.getKey());
                if (listed == null) {
                    throw new TufException(Reason.ROLLBACK, SNAPSHOT, "snapshot v" + snapshot.version()
                            + " no longer lists " + e.getKey() + ", which v" + trusted.version() + " listed");
                }
                if (listed.version() < e.getValue().version()) {
                    throw rollback(SNAPSHOT, e.getKey() + " listed in snapshot", e.getValue().version(),
                            listed.version());
                }
            }
        }
        envelope.requireNotExpired(now);
        store.write(SNAPSHOT, data);
        return snapshot;
    }

    /** Stored metadata that the current root's keys still sign, or empty (absent, unreadable or not verifying). */
    private Optional<Envelope> local(String role, long limit, RootMetadata root) {
        try {
            Optional<byte[]> data = store.read(role, limit);
            if (data.isEmpty()) {
                return Optional.empty();
            }
            Envelope envelope = Envelope.parse(data.get(), role, role);
            Signatures.requireThreshold(envelope, root.keys(), root.role(role), role, "stored " + role);
            return Optional.of(envelope);
        } catch (TufException e) {
            LOG.debug("Stored {} metadata is not usable: {}", role, e.getMessage());
            return Optional.empty();
        }
    }

    private interface Parser<T> {
        T parse() throws TufException;
    }

    private static <T> T parseQuietly(Parser<T> parser) {
        try {
            return parser.parse();
        } catch (TufException e) {
            LOG.debug("Stored metadata is not usable: {}", e.getMessage());
            return null;
        }
    }

    private static TufException rollback(String role, String what, long had, long got) {
        return new TufException(Reason.ROLLBACK, role, "rollback of " + what + ": had v" + had + ", got v" + got);
    }
}
