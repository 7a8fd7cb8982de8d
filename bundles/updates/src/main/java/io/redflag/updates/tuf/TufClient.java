// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import io.redflag.updates.tuf.TufException.Reason;
import io.redflag.updates.tuf.internal.Limits;
import io.redflag.updates.tuf.internal.MetadataStore;
import io.redflag.updates.tuf.internal.Remote;
import io.redflag.updates.tuf.internal.TargetFiles;
import io.redflag.updates.tuf.internal.TargetSearch;
import io.redflag.updates.tuf.internal.TargetsLoader;
import io.redflag.updates.tuf.internal.TopLevelUpdater;
import io.redflag.updates.tuf.internal.TrustedState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A TUF client: the specification's detailed client workflow over a {@link Fetcher}, with its trusted metadata in a
 * local folder ({@code root.json}, {@code timestamp.json}, {@code snapshot.json}, {@code targets.json} and one file
 * per delegated role, all as the repository served them).
 * <p>
 * Use: {@link #initialize} the folder once with a root obtained out of band; then, for each update,
 * {@link #refresh()}, look targets up with {@link #targetInfo}, and {@link #download} them (or take the
 * {@link #findCached cached} copy). Everything that does not verify is a {@link TufException}; a failed refresh keeps
 * what it had verified before the failure and the next one starts from there. Expiry is judged against the time the
 * last refresh started, delegated roles loaded by later look-ups included, so refresh before every update.
 * <p>
 * Default limits (each can be changed on the {@link Builder}): 32 root rotations per refresh, 32 roles visited per
 * target search, root metadata up to 512 KiB and timestamp up to 16 KiB (their lengths are never signed), snapshot
 * up to 1 MiB and each targets role up to 2 MiB when the referring metadata does not sign their length. They keep
 * a small agent's memory bounded: metadata is parsed in memory, targets are streamed to disk.
 * <p>
 * Thread-safe: calls are serialized.
 */
public final class TufClient {

    private final MetadataStore store;
    private final Remote remote;
    private final Clock clock;
    private final Limits limits;
    private TrustedState state;
    private TargetSearch search;

    private TufClient(Builder b) {
        this.store = new MetadataStore(b.metadataDir);
        this.remote = new Remote(b.fetcher);
        this.clock = b.clock;
        this.limits = new Limits(b.maxRootRotations, b.maxDelegations, b.rootMaxLength, b.timestampMaxLength,
                b.snapshotMaxLength, b.targetsMaxLength, b.prefixTargetsWithHash);
    }

    /** A builder for a client with its metadata in {@code metadataDir}, reading the repository with {@code fetcher}. */
    public static Builder builder(Path metadataDir, Fetcher fetcher) {
        return new Builder(metadataDir, fetcher);
    }

    /**
     * Makes {@code trustedRoot} the trust anchor of a metadata folder (creating it), replacing whatever was there.
     * Nothing is checked here: a root that does not verify makes the next refresh fail.
     */
    public static void initialize(Path metadataDir, byte[] trustedRoot) throws TufException {
        try {
            MetadataStore.writeAtomically(metadataDir.resolve(RepositoryLayout.unversionedFile(RepositoryLayout.ROOT)),
                    trustedRoot);
        } catch (IOException e) {
            throw new TufException(Reason.STORAGE_FAILED, RepositoryLayout.ROOT,
                    "cannot write the trusted root into " + metadataDir + ": " + e, e);
        }
    }

    /**
     * Updates root (through every rotation), timestamp, snapshot and top-level targets. On failure the metadata
     * verified before the failing step stays trusted and persisted; no target can be looked up until a refresh
     * succeeds.
     */
    public synchronized void refresh() throws TufException {
        state = null;
        search = null;
        TrustedState fresh = new TopLevelUpdater(store, remote, limits, clock.instant()).run();
        state = fresh;
        search = new TargetSearch(fresh, new TargetsLoader(store, remote, limits), limits.maxDelegations());
    }

    /**
     * What the most trusted role listing {@code targetPath} says of it, loading delegated roles as needed; empty
     * when no role trusted for that path lists it. Refreshes first if no refresh has succeeded yet.
     *
     * @throws TufException when metadata on the way cannot be loaded or verified
     */
    public synchronized Optional<TargetInfo> targetInfo(String targetPath) throws TufException {
        if (search == null) {
            refresh();
        }
        return search.find(Objects.requireNonNull(targetPath, "targetPath"));
    }

    /** The copy of a target in {@code targetDir}, if there is one that matches its length and hashes. */
    public Optional<Path> findCached(TargetInfo info, Path targetDir) {
        return TargetFiles.cached(info, targetDir);
    }

    /**
     * Downloads a target into {@code targetDir} (as its percent-encoded path, one flat file name), reading no more
     * than its signed length, and moves it into place only once its length and every listed hash match.
     *
     * @return the file
     * @throws TufException TOO_LARGE when the repository sends more than the signed length, LENGTH_OR_HASH_MISMATCH,
     *         TARGET_NOT_FOUND when the repository lacks the file, FETCH_FAILED, STORAGE_FAILED
     */
    public synchronized Path download(TargetInfo info, Path targetDir) throws TufException {
        if (state == null) {
            refresh();
        }
        boolean hashPrefixed = state.root().consistentSnapshot() && limits.prefixTargetsWithHash();
        return new TargetFiles(remote).download(info, targetDir, hashPrefixed);
    }

    /** The version of a top-level role's metadata the last successful refresh trusted; empty before one. */
    public synchronized OptionalLong trustedVersion(String role) {
        if (state == null) {
            return OptionalLong.empty();
        }
        return switch (role) {
            case RepositoryLayout.ROOT -> OptionalLong.of(state.root().version());
            case RepositoryLayout.TIMESTAMP -> OptionalLong.of(state.timestamp().version());
            case RepositoryLayout.SNAPSHOT -> OptionalLong.of(state.snapshot().version());
            case RepositoryLayout.TARGETS -> OptionalLong.of(state.targets().version());
            default -> OptionalLong.empty();
        };
    }

    /** Configures a {@link TufClient}. */
    public static final class Builder {
        private final Path metadataDir;
        private final Fetcher fetcher;
        private Clock clock = Clock.systemUTC();
        private int maxRootRotations = 32;
        private int maxDelegations = 32;
        private long rootMaxLength = 512 * 1024;
        private long timestampMaxLength = 16 * 1024;
        private long snapshotMaxLength = 1024 * 1024;
        private long targetsMaxLength = 2 * 1024 * 1024;
        private boolean prefixTargetsWithHash = true;

        private Builder(Path metadataDir, Fetcher fetcher) {
            this.metadataDir = Objects.requireNonNull(metadataDir, "metadataDir");
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        }

        /** The clock expiry is judged by (the system UTC clock by default). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How many new root versions one refresh may walk through (32). */
        public Builder maxRootRotations(int max) {
            this.maxRootRotations = positive(max);
            return this;
        }

        /** How many targets roles one search may visit, top-level targets included (32). */
        public Builder maxDelegations(int max) {
            this.maxDelegations = positive(max);
            return this;
        }

        /** Largest root metadata accepted (512 KiB). */
        public Builder rootMaxLength(long bytes) {
            this.rootMaxLength = positive(bytes);
            return this;
        }

        /** Largest timestamp metadata accepted (16 KiB). */
        public Builder timestampMaxLength(long bytes) {
            this.timestampMaxLength = positive(bytes);
            return this;
        }

        /** Largest snapshot metadata accepted when timestamp does not sign its length (1 MiB). */
        public Builder snapshotMaxLength(long bytes) {
            this.snapshotMaxLength = positive(bytes);
            return this;
        }

        /** Largest metadata of one targets role accepted when snapshot does not sign its length (2 MiB). */
        public Builder targetsMaxLength(long bytes) {
            this.targetsMaxLength = positive(bytes);
            return this;
        }

        /** Whether, with consistent snapshots, targets are fetched as {@code <hash>.<name>} (true). */
        public Builder prefixTargetsWithHash(boolean prefix) {
            this.prefixTargetsWithHash = prefix;
            return this;
        }

        /** The client; nothing is read or fetched until {@link TufClient#refresh()}. */
        public TufClient build() {
            return new TufClient(this);
        }

        private static <N extends Number> N positive(N n) {
            if (n.longValue() < 1) {
                throw new IllegalArgumentException("must be at least 1: " + n);
            }
            return n;
        }
    }
}
