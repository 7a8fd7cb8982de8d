// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.protocol.json.ProtocolJson;
import io.redflag.protocol.PublisherDTO;
import io.redflag.protocol.PublisherKeyDTO;
import io.redflag.protocol.UpdateKeyDTO;
import io.redflag.server.artifacts.InvalidMetadataException;
import io.redflag.server.artifacts.UpdateKeyException;
import io.redflag.server.artifacts.UpdateMetadata;
import io.redflag.server.store.AuditLog;
import java.nio.file.Files;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import io.redflag.updates.tuf.Ed25519Signer;
import io.redflag.updates.tuf.MetadataSigner;
import io.redflag.updates.tuf.RepositoryLayout;
import io.redflag.updates.tuf.RootBuilder;
import io.redflag.updates.tuf.SignedMetadata;
import io.redflag.updates.tuf.SnapshotBuilder;
import io.redflag.updates.tuf.TargetsBuilder;
import io.redflag.updates.tuf.TimestampBuilder;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository's TUF metadata, signed here and kept in PostgreSQL so every node serves the same bytes.
 * <p>
 * Keys: one Ed25519 key per top-level role in {@code <data dir>/keys/tuf/<role>.pk8} (0600), made at first start.
 * Targets, snapshot and timestamp must stay online: every publish signs new targets, and the timestamp is re-signed
 * daily. The root key is needed only to sign a new root (a rotation, or renewing root before it expires after a
 * year): it belongs offline, and the server runs without it (docs/UPDATES.md).
 * <p>
 * Lifetimes: root 365 days, targets 90, snapshot 7, timestamp 1; re-signed when 30 days, 30 days, 2 days and 8 hours
 * are left (root only when its key is here and is the one root lists; otherwise a warning once a day). Nodes take turns through a transaction-scoped advisory lock;
 * a node whose keys are not the ones root lists signs nothing and says so.
 */
@Component(service = UpdateMetadata.class, configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = "io.redflag.server")
public final class JdbcUpdateMetadata implements UpdateMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcUpdateMetadata.class);
    private static final Pattern VERSIONED = Pattern.compile("([1-9][0-9]{0,17})\\.([a-z0-9][a-z0-9-]{0,39})\\.json");
    private static final Pattern PUBLISHER = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.*-]{0,254}");
    /** Any number unlikely to be used by another advisory lock on this database. */
    private static final long LOCK = 0x7265_6466_6c61_6701L;
    private static final int KEEP_VERSIONS = 20;
    /** Most bundles one publisher's targets may list (each is checked against the repository). */
    static final int MAX_PUBLISHER_TARGETS = 10_000;
    private static final long REFRESH_GAP_NANOS = 1_000_000_000L;

    enum Role {
        ROOT(RepositoryLayout.ROOT, Duration.ofDays(365), Duration.ofDays(30)),
        TARGETS(RepositoryLayout.TARGETS, Duration.ofDays(90), Duration.ofDays(30)),
        SNAPSHOT(RepositoryLayout.SNAPSHOT, Duration.ofDays(7), Duration.ofDays(2)),
        TIMESTAMP(RepositoryLayout.TIMESTAMP, Duration.ofDays(1), Duration.ofHours(8));

        final String name;
        final Duration life;
        final Duration renewBefore;

        Role(String name, Duration life, Duration renewBefore) {
            this.name = name;
            this.life = life;
            this.renewBefore = renewBefore;
        }
    }

    /** One stored version of a role's metadata. */
    record Stored(long version, byte[] content, Instant expires, String digest) {}

    private final Database db;
    private final AuditLog audit;
    private final Path keys;
    private final Clock clock;
    private final Map<Role, MetadataSigner> signers = java.util.Collections.synchronizedMap(new EnumMap<>(Role.class));
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.atomic.AtomicLong lastRefresh = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - 2 * REFRESH_GAP_NANOS);
    private volatile String refused;
    private volatile Instant lastRootWarning;

    @Activate
    public JdbcUpdateMetadata(@Reference Database db, @Reference AuditLog audit, JdbcArtifactRepository.Config config)
            throws IOException {
        this(db, audit, Path.of(config.data_dir()).resolve("keys").resolve("tuf"), Clock.systemUTC());
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, 10, TimeUnit.MINUTES);
    }

    JdbcUpdateMetadata(Database db, AuditLog audit, Path keys, Clock clock) throws IOException {
        this.db = db;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
        for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT, Role.TIMESTAMP)) {
            signers.put(r, onlineKey(r));
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread th = new Thread(t, "redflag-update-metadata");
            th.setDaemon(true);
            return th;
        });
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private MetadataSigner onlineKey(Role r) throws IOException {
        try {
            return Ed25519Signer.fromPkcs8(KeyFiles.loadOrCreate(keyFile(r), () -> Ed25519Signer.generate().pkcs8()));
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile(r) + " does not hold an Ed25519 private key", e);
        }
    }

    private Path keyFile(Role r) {
        return keys.resolve(r.name + ".pk8");
    }

    /** The root key, when it is here (it is made here the first time, and may then be taken offline). */
    private Optional<MetadataSigner> rootKey(boolean create) throws IOException {
        try {
            Optional<byte[]> pk8 = create ? Optional.of(KeyFiles.loadOrCreate(keyFile(Role.ROOT),
                    () -> Ed25519Signer.generate().pkcs8())) : KeyFiles.read(keyFile(Role.ROOT));
            return pk8.isEmpty() ? Optional.empty() : Optional.of(Ed25519Signer.fromPkcs8(pk8.get()));
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile(Role.ROOT) + " does not hold an Ed25519 private key", e);
        }
    }

    @Override
    public Optional<byte[]> file(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        if (fileName.equals(RepositoryLayout.unversionedFile(RepositoryLayout.TIMESTAMP))) {
            long last = lastRefresh.get();
            if (System.nanoTime() - last > REFRESH_GAP_NANOS && lastRefresh.compareAndSet(last, System.nanoTime())) {
                refreshQuietly(); // a publish on any node reaches clients at their next look; one caller a second does it
            }
            return db.inTransaction(c -> Optional.ofNullable(latest(c, Role.TIMESTAMP)).map(Stored::content));
        }
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String role = m.group(2);
        if (role.equals(RepositoryLayout.TIMESTAMP)) {
            return Optional.empty(); // timestamp is served unversioned only
        }
        long version = Long.parseLong(m.group(1));
        Optional<byte[]> found = stored(role, version);
        if (found.isEmpty() && role.equals(RepositoryLayout.ROOT) && version == 1) {
            refreshQuietly(); // the very first look, before any signing round got to it: never leave an agent without a root
            found = stored(role, version);
        }
        return found;
    }

    private Optional<byte[]> stored(String role, long version) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM tuf_metadata WHERE role = ? AND version = ?")) {
                ps.setString(1, role);
                ps.setLong(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** A signing round whose failure is logged, never thrown: a scheduled task that throws is never run again. */
    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("could not bring the update metadata up to date: {}", e.getMessage());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            LOG.error("could not bring the update metadata up to date", e);
        }
    }

    @Override
    public void refresh() {
        lastRefresh.set(System.nanoTime());
        db.inTransaction(c -> {
            takeTurn(c);
            try {
                sign(c);
            } catch (IOException | GeneralSecurityException | TufException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return null;
        });
    }

    private void sign(Connection c) throws SQLException, IOException, GeneralSecurityException, TufException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Stored root = latest(c, Role.ROOT);
        if (root == null) {
            root = store(c, Role.ROOT, newRoot(1, now, rootKey(true).orElseThrow()), now, null);
            LOG.info("Made root metadata version 1 of the update repository (keys in {}; take root.pk8 offline)", keys);
        }
        ObjectNode rootSigned = SignedMetadata.signedPart(root.content(), RepositoryLayout.ROOT);
        adoptPendingKeys(rootSigned);
        for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT, Role.TIMESTAMP)) {
            if (!listed(rootSigned, r, signers.get(r))) {
                signers.put(r, onlineKey(r)); // another node may have rotated it: the key folder is shared
            }
            if (!listed(rootSigned, r, signers.get(r))) {
                String why = "this node's " + r.name + " key " + signers.get(r).key().keyId() + " is not one root version "
                        + root.version() + " lists; it signs no update metadata (share " + keys + " between nodes)";
                if (!why.equals(refused)) {
                    LOG.error(why);
                    refused = why;
                }
                return;
            }
        }
        refused = null;
        if (renew(root, Role.ROOT, now)) {
            Optional<MetadataSigner> rootKey = rootKey(false);
            if (rootKey.isPresent() && listed(rootSigned, Role.ROOT, rootKey.get())) {
                root = store(c, Role.ROOT, newRoot(root.version() + 1, now, rootKey.get()), now, null);
                LOG.info("Renewed root metadata: version {}", root.version());
            } else if (lastRootWarning == null || lastRootWarning.plus(Duration.ofDays(1)).isBefore(now)) {
                lastRootWarning = now;
                LOG.warn("Root metadata version {} expires on {} and {}: sign a new root (docs/UPDATES.md)", root.version(),
                        root.expires(), rootKey.isPresent() ? keyFile(Role.ROOT) + " is not the key it lists"
                                : "the root key is offline");
            }
        }
        List<Publisher> publishers = publishers(c);
        List<String[]> offered = offered(c).stream().filter(a -> owner(publishers, a[0]) == null).toList();
        // a delegation appears once its publisher has signed something: a client never meets a role nobody serves
        List<Publisher> signing = new ArrayList<>();
        for (Publisher pub : publishers) {
            if (latest(c, pub.name()) != null) {
                signing.add(pub);
            }
        }
        List<String[]> cores = cores(c);
        String digest = Rows.sha256(String.join("\n", offered.stream().map(a -> String.join(" ", a)).toList())
                + signing.stream().map(Publisher::describe).toList()
                + String.join("\n", cores.stream().map(a -> String.join(" ", a)).toList()));
        Stored targets = latest(c, Role.TARGETS);
        boolean changed = targets == null || !digest.equals(targets.digest()) || renew(targets, Role.TARGETS, now);
        if (changed) {
            TargetsBuilder b = new TargetsBuilder().version(next(targets)).expires(now.plus(Role.TARGETS.life));
            for (String[] a : offered) {
                ObjectNode custom = JsonNodeFactory.instance.objectNode();
                custom.put("symbolicName", a[0]);
                custom.put("version", a[1]);
                custom.set("subsystems", ProtocolJson.mapper().readTree(a[4]));
                b.addTarget(JdbcDesiredStates.target(a[0], a[1]), Long.parseLong(a[3]), Map.of("sha256", a[2]), custom);
            }
            for (String[] core : cores) {
                ObjectNode custom = JsonNodeFactory.instance.objectNode();
                custom.put("kind", "core");
                custom.put("platform", core[0]);
                custom.put("version", core[1]);
                b.addTarget(coreTarget(core[0], core[1]), Long.parseLong(core[3]), Map.of("sha256", core[2]), custom);
            }
            for (Publisher pub : signing) {
                b.delegate(pub.name(), pub.keys(), pub.threshold(), true,
                        pub.namespaces().stream().map(ns -> "bundles/" + ns + "/*").toList());
            }
            targets = store(c, Role.TARGETS, SignedMetadata.sign(b.build(), signers.get(Role.TARGETS)), now, digest);
            LOG.info("Signed targets metadata version {} ({} bundles, {} core releases offered)", targets.version(),
                    offered.size(), cores.size());
        }
        Stored snapshot = latest(c, Role.SNAPSHOT);
        Map<String, Stored> delegated = new LinkedHashMap<>();
        for (Publisher pub : signing) {
            Stored signedByPublisher = latest(c, pub.name());
            if (signedByPublisher != null) {
                delegated.put(pub.name(), signedByPublisher);
            }
        }
        String listed = "targets " + targets.version() + delegated.entrySet().stream()
                .map(e -> " " + e.getKey() + " " + e.getValue().version()).reduce("", String::concat);
        if (changed || snapshot == null || !listed.equals(snapshot.digest()) || renew(snapshot, Role.SNAPSHOT, now)) {
            SnapshotBuilder sb = new SnapshotBuilder().version(next(snapshot)).expires(now.plus(Role.SNAPSHOT.life))
                    .meta(RepositoryLayout.TARGETS, targets.version(), targets.content());
            delegated.forEach((role, st) -> sb.meta(role, st.version(), st.content()));
            snapshot = store(c, Role.SNAPSHOT, SignedMetadata.sign(sb.build(), signers.get(Role.SNAPSHOT)), now, listed);
            changed = true;
        }
        Stored timestamp = latest(c, Role.TIMESTAMP);
        if (changed || timestamp == null || renew(timestamp, Role.TIMESTAMP, now)) {
            ObjectNode t = new TimestampBuilder().version(next(timestamp)).expires(now.plus(Role.TIMESTAMP.life))
                    .snapshot(snapshot.version(), snapshot.content()).build();
            store(c, Role.TIMESTAMP, SignedMetadata.sign(t, signers.get(Role.TIMESTAMP)), now, null);
        }
        prune(c);
    }

    /** Waits for the other nodes' signing rounds: one round at a time across nodes, until this transaction ends. */
    private static void takeTurn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            ps.execute();
        }
    }

    /** Whether root lists {@code signer}'s key for the role. */
    private static boolean listed(ObjectNode rootSigned, Role r, MetadataSigner signer) {
        for (JsonNode id : rootSigned.path("roles").path(r.name).path("keyids")) {
            if (id.asText().equals(signer.key().keyId())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<UpdateKeyDTO> keys() {
        return db.inTransaction(c -> {
            Stored root = latest(c, Role.ROOT);
            List<UpdateKeyDTO> out = new ArrayList<>();
            if (root == null) {
                return out;
            }
            try {
                ObjectNode signed = SignedMetadata.signedPart(root.content(), RepositoryLayout.ROOT);
                for (Role r : Role.values()) {
                    UpdateKeyDTO k = new UpdateKeyDTO();
                    k.role = r.name;
                    signed.path("roles").path(r.name).path("keyids").forEach(id -> k.keyIds.add(id.asText()));
                    k.threshold = signed.path("roles").path(r.name).path("threshold").asInt();
                    Stored latest = latest(c, r);
                    k.version = latest.version();
                    k.expiresAt = latest.expires().toString();
                    k.keyHere = r == Role.ROOT ? rootKey(false).map(key -> k.keyIds.contains(key.key().keyId())).orElse(false)
                            : k.keyIds.contains(signers.get(r).key().keyId());
                    out.add(k);
                }
            } catch (IOException | TufException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return out;
        });
    }

    /**
     * Replaces a role's key: a new root version lists the new key instead of the old ones (which are retired with it),
     * signed by the current root key (and, when root itself is rotated, by the new root key too), so agents accept it
     * by walking the chain; the role's metadata is signed again at once with the new key. The new key is written
     * beside the old one first ({@code <role>.pk8.next}) and takes its place once the new root is committed; whatever
     * stops the node in between, its next signing round (or any node's sharing the folder) finds the file and puts it
     * in place if root lists it, or deletes it if the rotation never committed.
     */
    @Override
    public List<UpdateKeyDTO> rotate(String actor, String roleName) {
        Role role = java.util.Arrays.stream(Role.values()).filter(r -> r.name.equals(roleName)).findFirst()
                .orElseThrow(() -> new UpdateKeyException("no role '" + roleName + "' (root, targets, snapshot, timestamp)"));
        Path next = keys.resolve(role.name + ".pk8.next");
        db.inTransaction(c -> {
            takeTurn(c);
            try {
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                Stored root = latest(c, Role.ROOT);
                if (root == null) {
                    throw new UpdateKeyException("the repository has no root yet");
                }
                ObjectNode rootSigned = SignedMetadata.signedPart(root.content(), RepositoryLayout.ROOT);
                MetadataSigner rootKey = rootKey(false).filter(k -> listed(rootSigned, Role.ROOT, k)).orElseThrow(() ->
                        new UpdateKeyException("rotating a key needs the root key that root version " + root.version()
                                + " lists: put it back in " + keyFile(Role.ROOT) + " (0600) for the rotation"));
                Ed25519Signer fresh = Ed25519Signer.generate();
                KeyFiles.writePrivate(next, fresh.pkcs8());
                RootBuilder b = new RootBuilder().version(root.version() + 1).expires(now.plus(Role.ROOT.life))
                        .consistentSnapshot(true);
                for (Role r : Role.values()) {
                    MetadataSigner holder = r == role ? fresh : r == Role.ROOT ? rootKey : signers.get(r);
                    b.addKey(r.name, holder.key()).threshold(r.name, 1);
                }
                List<MetadataSigner> signing = role == Role.ROOT ? List.of(rootKey, fresh) : List.of(rootKey);
                Stored newRoot = store(c, Role.ROOT, SignedMetadata.sign(b.build(), signing), now, null);
                String old = String.join(",", java.util.stream.StreamSupport.stream(
                        rootSigned.path("roles").path(role.name).path("keyids").spliterator(), false).map(JsonNode::asText).toList());
                audit.append(c, actor, "update.key.rotated", role.name + " key " + old + " retired, " + fresh.key().keyId()
                        + " in use (root version " + newRoot.version() + ")", true);
                return null;
            } catch (IOException | GeneralSecurityException | TufException e) {
                throw new IllegalStateException("rotating the " + role.name + " key failed: " + e.getMessage(), e);
            }
        });
        db.inTransaction(c -> {
            takeTurn(c);
            try {
                adoptPendingKeys(SignedMetadata.signedPart(latest(c, Role.ROOT).content(), RepositoryLayout.ROOT));
            } catch (IOException | TufException e) {
                throw new IllegalStateException("the new root lists the new " + role.name + " key but it could not be put in "
                        + "place: " + e.getMessage() + " (it is in " + next + "; the next signing round tries again)", e);
            }
            return null;
        });
        forceResign(role);
        LOG.info("Rotated the {} key of the update repository", role.name);
        return keys();
    }

    /**
     * Finishes rotations: a {@code <role>.pk8.next} whose key root lists takes the old key's place (and this node signs
     * with it); one root does not list is what a rotation that never committed left, and goes. Called holding the
     * signing turn, so no rotation is half-way at the time.
     */
    private void adoptPendingKeys(ObjectNode rootSigned) throws IOException {
        for (Role r : Role.values()) {
            Path next = keys.resolve(r.name + ".pk8.next");
            Optional<byte[]> pending = KeyFiles.read(next);
            if (pending.isEmpty()) {
                continue;
            }
            MetadataSigner key;
            try {
                key = Ed25519Signer.fromPkcs8(pending.get());
            } catch (GeneralSecurityException e) {
                Files.deleteIfExists(next);
                continue;
            }
            if (listed(rootSigned, r, key)) {
                Files.move(next, keyFile(r), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                if (r != Role.ROOT) {
                    signers.put(r, key);
                }
                LOG.info("The new {} key root lists is in place", r.name);
            } else {
                Files.delete(next);
                LOG.warn("Deleted {}: a rotation that never committed left it", next);
            }
        }
    }

    /** Signs the rotated role's metadata again with its new key (and what lists it). */
    private void forceResign(Role role) {
        db.inTransaction(c -> {
            takeTurn(c);
            try {
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                Stored targets = latest(c, Role.TARGETS);
                if (role == Role.TARGETS) {
                    ObjectNode t = SignedMetadata.signedPart(targets.content(), RepositoryLayout.TARGETS);
                    t.put("version", targets.version() + 1);
                    t.put("expires", now.plus(Role.TARGETS.life).toString());
                    targets = store(c, Role.TARGETS, SignedMetadata.sign(t, signers.get(Role.TARGETS)), now, targets.digest());
                }
                Stored snapshot = latest(c, Role.SNAPSHOT);
                if (role == Role.TARGETS || role == Role.SNAPSHOT) {
                    ObjectNode sn = new SnapshotBuilder().version(next(snapshot)).expires(now.plus(Role.SNAPSHOT.life))
                            .meta(RepositoryLayout.TARGETS, targets.version(), targets.content()).build();
                    snapshot = store(c, Role.SNAPSHOT, SignedMetadata.sign(sn, signers.get(Role.SNAPSHOT)), now, null);
                }
                Stored timestamp = latest(c, Role.TIMESTAMP);
                ObjectNode t = new TimestampBuilder().version(next(timestamp)).expires(now.plus(Role.TIMESTAMP.life))
                        .snapshot(snapshot.version(), snapshot.content()).build();
                store(c, Role.TIMESTAMP, SignedMetadata.sign(t, signers.get(Role.TIMESTAMP)), now, null);
            } catch (GeneralSecurityException | TufException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return null;
        });
    }

    /** A publisher as stored: a delegated role over namespaces of symbolic names. */
    record Publisher(String name, List<TufKey> keys, int threshold, List<String> namespaces, String createdBy, Instant createdAt) {
        String describe() {
            return name + " " + threshold + " " + keys.stream().map(TufKey::keyId).sorted().toList() + " " + namespaces;
        }

        boolean owns(String symbolicName) {
            for (String ns : namespaces) {
                if (symbolicName.matches(java.util.Arrays.stream(ns.split("\\*", -1)).map(Pattern::quote)
                        .collect(java.util.stream.Collectors.joining(".*")))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Publisher owner(List<Publisher> publishers, String symbolicName) {
        return publishers.stream().filter(p -> p.owns(symbolicName)).findFirst().orElse(null);
    }

    private static List<Publisher> publishers(Connection c) throws SQLException {
        List<Publisher> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, keys::text, threshold, namespaces::text, created_by, "
                + "created_at FROM tuf_publishers ORDER BY name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    List<TufKey> keys = new ArrayList<>();
                    for (JsonNode k : ProtocolJson.mapper().readTree(rs.getString(2))) {
                        keys.add(TufKey.fromJson(k));
                    }
                    List<String> namespaces = new ArrayList<>();
                    ProtocolJson.mapper().readTree(rs.getString(4)).forEach(n -> namespaces.add(n.asText()));
                    out.add(new Publisher(rs.getString(1), keys, rs.getInt(3), namespaces, rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                } catch (IOException | TufException e) {
                    throw new IllegalStateException("stored publisher " + rs.getString(1) + " no longer reads: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    @Override
    public PublisherDTO addPublisher(String actor, PublisherDTO req) {
        if (req == null || req.name == null || !PUBLISHER.matcher(req.name).matches()
                || RepositoryLayout.TOP_LEVEL_ROLES.contains(req.name)) {
            throw new InvalidMetadataException("name must be lower-case letters, digits and '-' (at most 40), and not one of "
                    + "root, targets, snapshot, timestamp");
        }
        if (req.keys == null || req.keys.isEmpty() || req.keys.size() > 20) {
            throw new InvalidMetadataException("keys: give the publisher's public keys (1 to 20)");
        }
        int threshold = req.threshold == 0 ? 1 : req.threshold;
        if (threshold < 1 || threshold > req.keys.size()) {
            throw new InvalidMetadataException("threshold must be between 1 and the number of keys (" + req.keys.size() + ")");
        }
        List<TufKey> keys = new ArrayList<>();
        for (int i = 0; i < req.keys.size(); i++) {
            PublisherKeyDTO k = req.keys.get(i);
            if (k == null || k.keytype == null || k.scheme == null || k.publicKey == null || k.publicKey.length() > 4096
                    || k.keytype.length() > 64 || k.scheme.length() > 64) {
                throw new InvalidMetadataException("keys[" + i + "] needs keytype and scheme (at most 64 characters) and "
                        + "publicKey (at most 4096)");
            }
            TufKey key = TufKey.of(k.keytype, k.scheme, k.publicKey);
            if (key.keyType().equals(TufKey.ED25519) && !k.publicKey.matches("[0-9a-f]{64}")) {
                throw new InvalidMetadataException("keys[" + i + "].publicKey: an Ed25519 key is 64 lower-case hex digits");
            }
            keys.add(key);
        }
        if (req.namespaces == null || req.namespaces.isEmpty() || req.namespaces.size() > 50) {
            throw new InvalidMetadataException("namespaces: give the symbolic names (patterns such as com.acme.*) it signs for");
        }
        for (String ns : req.namespaces) {
            if (ns == null || !NAMESPACE.matcher(ns).matches() || ns.replace("*", "").replace(".", "").isEmpty()) {
                throw new InvalidMetadataException("namespace '" + ns + "' is not a symbolic-name pattern such as com.acme.*");
            }
        }
        db.inTransaction(c -> {
            takeTurn(c);
            for (Publisher other : publishers(c)) {
                if (other.name().equals(req.name)) {
                    throw new UpdateKeyException("a publisher " + req.name + " exists");
                }
                for (String ns : req.namespaces) {
                    if (other.namespaces().contains(ns)) {
                        throw new InvalidMetadataException("namespace " + ns + " belongs to publisher " + other.name());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tuf_publishers (name, keys, threshold, namespaces, "
                    + "created_by) VALUES (?, ?::jsonb, ?, ?::jsonb, ?)")) {
                ps.setString(1, req.name);
                ps.setString(2, ProtocolJson.mapper().writeValueAsString(keys.stream().map(TufKey::toJson).toList()));
                ps.setInt(3, threshold);
                ps.setString(4, ProtocolJson.mapper().writeValueAsString(req.namespaces));
                ps.setString(5, actor);
                ps.executeUpdate();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            audit.append(c, actor, "update.publisher.added", req.name + " signs for " + req.namespaces + " with keys "
                    + keys.stream().map(TufKey::keyId).toList() + " (threshold " + threshold + ")", true);
            return null;
        });
        refresh(); // the top-level targets delegate to it from now on
        return publishers().stream().filter(p -> p.name.equals(req.name)).findFirst().orElseThrow();
    }

    @Override
    public List<PublisherDTO> publishers() {
        return db.inTransaction(c -> {
            List<PublisherDTO> out = new ArrayList<>();
            for (Publisher p : publishers(c)) {
                PublisherDTO d = new PublisherDTO();
                d.name = p.name();
                for (TufKey k : p.keys()) {
                    PublisherKeyDTO kd = new PublisherKeyDTO();
                    kd.keytype = k.keyType();
                    kd.scheme = k.scheme();
                    kd.publicKey = k.publicValue().orElse(null);
                    kd.keyId = k.keyId();
                    d.keys.add(kd);
                }
                d.threshold = p.threshold();
                d.namespaces = new ArrayList<>(p.namespaces());
                Stored signed = latest(c, p.name());
                d.signedVersion = signed == null ? 0 : signed.version();
                d.signedExpiresAt = signed == null ? null : signed.expires().toString();
                d.createdBy = p.createdBy();
                d.createdAt = p.createdAt().toString();
                out.add(d);
            }
            return out;
        });
    }

    @Override
    public PublisherDTO acceptTargets(String actor, String name, byte[] signedTargets) {
        db.inTransaction(c -> {
            takeTurn(c);
            Publisher pub = publishers(c).stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new io.redflag.server.artifacts.UnknownArtifactException("no publisher " + name));
            ObjectNode signed;
            try {
                signed = SignedMetadata.verified(signedTargets, RepositoryLayout.TARGETS, name, pub.keys(), pub.threshold());
            } catch (TufException e) {
                throw new InvalidMetadataException("not targets metadata signed by a threshold of " + name + "'s keys: "
                        + e.getMessage());
            }
            long version = signed.path("version").asLong(0);
            Stored had = latest(c, name);
            if (version < 1 || had != null && version <= had.version()) {
                throw new InvalidMetadataException("version " + version + " must be higher than the one served ("
                        + (had == null ? 0 : had.version()) + ")");
            }
            Instant expires;
            try {
                expires = Instant.parse(signed.path("expires").asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidMetadataException("expires is not an ISO-8601 instant");
            }
            if (!expires.isAfter(clock.instant())) {
                throw new InvalidMetadataException("it expired on " + expires);
            }
            if (signed.has("delegations")) {
                throw new InvalidMetadataException("a publisher's targets may not delegate further");
            }
            if (!signed.path("targets").isObject() || signed.path("targets").size() > MAX_PUBLISHER_TARGETS) {
                throw new InvalidMetadataException("targets must be an object of at most " + MAX_PUBLISHER_TARGETS + " bundles");
            }
            var it = signed.path("targets").fields();
            while (it.hasNext()) {
                var e = it.next();
                check(c, pub, e.getKey(), e.getValue());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tuf_metadata (role, version, content, expires_at, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setLong(2, version);
                ps.setBytes(3, signedTargets);
                ps.setTimestamp(4, Timestamp.from(expires));
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            audit.append(c, actor, "update.publisher.signed", name + " targets version " + version + " ("
                    + signed.path("targets").size() + " bundles)", false);
            return null;
        });
        refresh(); // a new snapshot and timestamp list it
        return publishers().stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }

    /** A target a publisher signed must be a bundle of its namespaces the repository holds, with exactly those bytes. */
    private static void check(Connection c, Publisher pub, String path, JsonNode target) throws SQLException {
        Matcher m = Pattern.compile("bundles/([^/]+)/([^/]+)\\.jar").matcher(path);
        if (!m.matches() || !pub.owns(m.group(1))) {
            throw new InvalidMetadataException("target " + path + " is not a bundle of " + pub.name() + "'s namespaces "
                    + pub.namespaces());
        }
        String sha = target.path("hashes").path("sha256").asText(null);
        long length = target.path("length").asLong(-1);
        JsonNode custom = target.path("custom");
        if (!m.group(1).equals(custom.path("symbolicName").asText()) || !m.group(2).equals(custom.path("version").asText())) {
            throw new InvalidMetadataException("target " + path + ": custom must name its symbolicName and version");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256, length FROM artifacts WHERE symbolic_name = ? "
                + "AND version = ? AND retired_at IS NULL")) {
            ps.setString(1, m.group(1));
            ps.setString(2, m.group(2));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidMetadataException("target " + path + ": the repository has no such bundle offered "
                            + "(publish it first)");
                }
                if (!rs.getString(1).equals(sha) || rs.getLong(2) != length) {
                    throw new InvalidMetadataException("target " + path + ": signed with sha256 " + sha + " and " + length
                            + " bytes, but the repository holds " + rs.getString(1) + " and " + rs.getLong(2) + " bytes");
                }
            }
        }
    }

    private byte[] newRoot(long version, Instant now, MetadataSigner rootKey) throws GeneralSecurityException {
        RootBuilder b = new RootBuilder().version(version).expires(now.plus(Role.ROOT.life)).consistentSnapshot(true)
                .addKey(RepositoryLayout.ROOT, rootKey.key()).threshold(RepositoryLayout.ROOT, 1);
        for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT, Role.TIMESTAMP)) {
            b.addKey(r.name, signers.get(r).key()).threshold(r.name, 1);
        }
        return SignedMetadata.sign(b.build(), rootKey);
    }

    private static boolean renew(Stored s, Role r, Instant now) {
        return s.expires().minus(r.renewBefore).isBefore(now);
    }

    private static long next(Stored s) {
        return s == null ? 1 : s.version() + 1;
    }

    /** Every bundle still offered: name, version, sha256, length, subsystems (JSON). */
    /** Where a core release is in the repository's targets. */
    static String coreTarget(String platform, String version) {
        return "cores/" + platform + "/" + version + "/redflag-agent.jar";
    }

    /** Core releases not retired: platform, version, sha256, length. */
    private static List<String[]> cores(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT platform, version, sha256, length FROM core_releases "
                + "WHERE retired_at IS NULL ORDER BY platform, version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getLong(4))});
            }
        }
        return out;
    }

    private static List<String[]> offered(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT symbolic_name, version, sha256, length, subsystems::text"
                + " FROM artifacts WHERE retired_at IS NULL ORDER BY symbolic_name, version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getLong(4)),
                        rs.getString(5)});
            }
        }
        return out;
    }

    private static Stored latest(Connection c, Role r) throws SQLException {
        return latest(c, r.name);
    }

    private static Stored latest(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, content, expires_at, digest FROM tuf_metadata"
                + " WHERE role = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Stored(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(), rs.getString(4)) : null;
            }
        }
    }

    private static Stored store(Connection c, Role r, byte[] content, Instant now, String digest) throws SQLException, TufException {
        ObjectNode signed = SignedMetadata.signedPart(content, r.name);
        long version = signed.path("version").asLong();
        Instant expires = Instant.parse(signed.path("expires").asText());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tuf_metadata (role, version, content, expires_at, digest, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.name);
            ps.setLong(2, version);
            ps.setBytes(3, content);
            ps.setTimestamp(4, Timestamp.from(expires));
            ps.setString(5, digest);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
        return new Stored(version, content, expires, digest);
    }

    /** Older versions of everything but root go once there are {@value #KEEP_VERSIONS} newer ones. */
    private static void prune(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tuf_metadata m WHERE role <> 'root' AND version <= "
                + "(SELECT max(version) FROM tuf_metadata n WHERE n.role = m.role) - ?")) {
            ps.setInt(1, KEEP_VERSIONS);
            ps.executeUpdate();
        }
    }
}
