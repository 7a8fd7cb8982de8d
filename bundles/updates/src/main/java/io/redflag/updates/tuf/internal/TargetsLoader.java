// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.TufKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a targets role's metadata, top-level or delegated (spec 5.6.1-5.6.6): the stored copy when it still is the
 * version snapshot lists and verifies, else the repository's, which must match snapshot's length and hashes, be
 * signed by a threshold of the keys the delegator authorizes, be the version snapshot lists, and not be expired.
 */
public final class TargetsLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TargetsLoader.class);

    private final MetadataStore store;
    private final Remote remote;
    private final Limits limits;

    public TargetsLoader(MetadataStore store, Remote remote, Limits limits) {
        this.store = store;
        this.remote = remote;
        this.limits = limits;
    }

    /**
     * @param role the role to load
     * @param delegator the role delegating to it ({@code root} for top-level targets), for messages
     * @param keys the delegator's keys
     * @param roleKeys the keys and threshold the delegator sets for {@code role}
     */
    public TargetsMetadata load(String role, String delegator, Map<String, TufKey> keys, RoleKeys roleKeys,
            SnapshotMetadata snapshot, boolean consistentSnapshot, Instant now) throws TufException {
        MetaFile meta = snapshot.meta().get(RepositoryLayout.metaName(role));
        if (meta == null) {
            throw new TufException(Reason.METADATA_NOT_FOUND, role, "snapshot v" + snapshot.version()
                    + " does not list " + RepositoryLayout.metaName(role) + ", so the role " + delegator
                    + " delegates to cannot be trusted");
        }
        long limit = meta.limit(limits.targetsMaxLength());
        try {
            Optional<byte[]> local = store.read(role, limit);
            if (local.isPresent()) {
                return verify(local.get(), role, delegator, keys, roleKeys, meta, now);
            }
        } catch (TufException e) {
            LOG.debug("Stored {} metadata is not usable, fetching it: {}", role, e.getMessage());
        }
        String file = consistentSnapshot ? RepositoryLayout.versionedFile(role, meta.version())
                : RepositoryLayout.unversionedFile(role);
        byte[] data = remote.metadata(file, limit, role);
        TargetsMetadata targets = verify(data, role, delegator, keys, roleKeys, meta, now);
        store.write(role, data);
        return targets;
    }

    private static TargetsMetadata verify(byte[] data, String role, String delegator, Map<String, TufKey> keys,
            RoleKeys roleKeys, MetaFile meta, Instant now) throws TufException {
        Hashes.checkBytes(data, meta.length(), meta.hashes(), role, RepositoryLayout.metaName(role));
        Envelope envelope = Envelope.parse(data, RepositoryLayout.TARGETS, role);
        Signatures.requireThreshold(envelope, keys, roleKeys, role,
                role + " v" + envelope.version() + " (keys set by " + delegator + ")");
        if (envelope.version() != meta.version()) {
            throw new TufException(Reason.VERSION_MISMATCH, role, "snapshot lists " + role + " v" + meta.version()
                    + " but the repository served v" + envelope.version() + " (mix-and-match)");
        }
        envelope.requireNotExpired(now);
        return TargetsMetadata.parse(envelope);
    }
}
