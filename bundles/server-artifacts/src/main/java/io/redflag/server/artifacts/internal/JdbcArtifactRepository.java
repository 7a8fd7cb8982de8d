// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.CoreReleaseDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.version.VersionOrderings;
import io.redflag.server.artifacts.ArtifactConflictException;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.InvalidArtifactException;
import io.redflag.server.artifacts.UnknownArtifactException;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import io.redflag.server.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import io.redflag.updates.InPlaceBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository over PostgreSQL (metadata and bytes, shared by every node) and a {@link ContentStore} in this
 * node's data folder (what it serves from). A version's row is written once, in the transaction that checks no
 * other bytes hold that name and version; concurrent publishers of the same version meet on its primary key.
 */
@Component(service = ArtifactRepository.class, configurationPolicy = ConfigurationPolicy.REQUIRE,
        configurationPid = "io.redflag.server")
public final class JdbcArtifactRepository implements ArtifactRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcArtifactRepository.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "symbolic_name, version, sha256, length, name, description, subsystems::text,"
            + " published_at, published_by, retired_at";
    /** Newest version first, then by name: how lists read. */
    static final Comparator<ArtifactDTO> ORDER = Comparator.comparing((ArtifactDTO a) -> a.symbolicName)
            .thenComparing(a -> Version.parseVersion(a.version), Comparator.reverseOrder());

    @ObjectClassDefinition(name = "RedFlag server")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the server's own files; artifacts are cached under artifacts/")
        String data_dir();

        @AttributeDefinition(description = "Largest bundle the repository takes, in bytes")
        long artifacts_max_bytes() default DEFAULT_MAX_BYTES;
    }

    private final Database db;
    private final AuditLog audit;
    private final ContentStore store;
    private final long maxBytes;
    private final BaseProviders base;

    @Activate
    public JdbcArtifactRepository(@Reference Database db, @Reference AuditLog audit, Config config, BundleContext ctx)
            throws IOException {
        this(db, audit, Path.of(config.data_dir()).resolve("artifacts"), config.artifacts_max_bytes(), ecosystem -> {
            for (Bundle b : ctx.getBundles()) {
                BundleRevision r = b.getLocation().startsWith(InPlaceBundles.PLUGIN_LOCATION) ? null
                        : b.adapt(BundleRevision.class);
                for (Capability cap : r == null ? List.<Capability>of() : r.getCapabilities(BundleManifest.SUBSYSTEM_NAMESPACE)) {
                    if (ecosystem.equals(cap.getAttributes().get("ecosystem"))) {
                        return b.getSymbolicName();
                    }
                }
            }
            return null;
        });
    }

    JdbcArtifactRepository(Database db, AuditLog audit, Path folder, long maxBytes) throws IOException {
        this(db, audit, folder, maxBytes, ecosystem -> null);
    }

    JdbcArtifactRepository(Database db, AuditLog audit, Path folder, long maxBytes, BaseProviders base) throws IOException {
        this.db = db;
        this.audit = audit;
        this.store = new ContentStore(folder);
        this.maxBytes = maxBytes;
        this.base = base;
    }

    /** Who provides an ecosystem in this server's own base set (not installed from the repository); null when nobody. */
    @FunctionalInterface
    interface BaseProviders {
        String of(String ecosystem);
    }

    @Override
    public Publication publish(String actor, InputStream bytes) {
        try (ContentStore.Staged staged = store.stage(bytes, maxBytes)) {
            BundleManifest m = BundleManifest.read(staged.file());
            String version = m.version().toString();
            Publication p = db.inTransaction(c -> {
                Optional<ArtifactDTO> had = find(c, m.symbolicName(), version, true);
                if (had.isPresent()) {
                    return same(had.get(), staged.sha256());
                }
                for (String eco : m.subsystems()) {
                    String own = base.of(eco);
                    String owner = own != null && !own.equals(m.symbolicName()) ? own : provider(c, eco, m.symbolicName());
                    if (owner != null) {
                        throw new ArtifactConflictException("the " + eco + " subsystem is provided by " + owner
                                + "; publish new versions of that bundle (or retire all of its versions first)");
                    }
                }
                keepBlob(c, staged);
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO artifacts (symbolic_name, version, sha256, length,"
                        + " name, description, subsystems, published_by) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT (symbolic_name, version) DO NOTHING")) {
                    ps.setString(1, m.symbolicName());
                    ps.setString(2, version);
                    ps.setString(3, staged.sha256());
                    ps.setLong(4, staged.length());
                    ps.setString(5, m.name());
                    ps.setString(6, m.description());
                    ps.setString(7, Rows.json(m.subsystems()));
                    ps.setString(8, actor);
                    inserted = ps.executeUpdate();
                }
                if (inserted == 0) { // another publisher of this version committed between our look and our insert
                    return same(find(c, m.symbolicName(), version, false).orElseThrow(), staged.sha256());
                }
                audit.append(c, actor, "artifact.published", m.symbolicName() + " " + version + " sha256 " + staged.sha256()
                        + " (" + staged.length() + " bytes)" + (m.subsystems().isEmpty() ? "" : " subsystems " + m.subsystems()),
                        false);
                return new Publication(find(c, m.symbolicName(), version, false).orElseThrow(), true);
            });
            if (p.created()) {
                store.keep(staged);
                LOG.info("Published {} {} ({} bytes, sha256 {})", m.symbolicName(), version, staged.length(), staged.sha256());
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the upload in " + "the artifact folder", e);
        }
    }

    /** The staged bytes into the database (once per hash), so that every node can serve them. */
    private static void keepBlob(Connection c, ContentStore.Staged staged) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO artifact_blobs (sha256, length, content) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
                InputStream in = Files.newInputStream(staged.file())) {
            ps.setString(1, staged.sha256());
            ps.setLong(2, staged.length());
            ps.setBinaryStream(3, in, staged.length());
            ps.executeUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CORE_COLUMNS = "platform, version, sha256, length, published_at, published_by, retired_at";

    @Override
    public CorePublication publishCore(String actor, String platform, InputStream bytes) {
        if (platform == null || !MessageRules.PLATFORM.matcher(platform).matches()) {
            throw new InvalidArtifactException("platform '" + platform + "' is not os-architecture (linux-amd64, linux-arm64, "
                    + "windows-amd64…)");
        }
        try (ContentStore.Staged staged = store.stage(bytes, maxBytes)) {
            CoreJar jar = CoreJar.read(staged.file());
            CorePublication p = db.inTransaction(c -> {
                Optional<CoreReleaseDTO> had = findCore(c, platform, jar.version(), true);
                if (had.isPresent()) {
                    return sameCore(had.get(), staged.sha256());
                }
                keepBlob(c, staged);
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO core_releases (platform, version, sha256, length, "
                        + "published_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, version) DO NOTHING")) {
                    ps.setString(1, platform);
                    ps.setString(2, jar.version());
                    ps.setString(3, staged.sha256());
                    ps.setLong(4, staged.length());
                    ps.setString(5, actor);
                    inserted = ps.executeUpdate();
                }
                if (inserted == 0) {
                    return sameCore(findCore(c, platform, jar.version(), false).orElseThrow(), staged.sha256());
                }
                audit.append(c, actor, "core.published", platform + " " + jar.version() + " sha256 " + staged.sha256() + " ("
                        + staged.length() + " bytes, " + jar.bundles() + " bundles)", false);
                return new CorePublication(findCore(c, platform, jar.version(), false).orElseThrow(), true);
            });
            if (p.created()) {
                store.keep(staged);
                LOG.info("Published core {} for {} ({} bytes, sha256 {})", jar.version(), platform, staged.length(),
                        staged.sha256());
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the upload in the artifact folder", e);
        }
    }

    private static CorePublication sameCore(CoreReleaseDTO had, String sha256) {
        if (!had.sha256.equals(sha256)) {
            throw new ArtifactConflictException("core " + had.version + " for " + had.platform + " was published on "
                    + had.publishedAt + " with other bytes (sha256 " + had.sha256 + "); a release never changes");
        }
        return new CorePublication(had, false);
    }

    @Override
    public List<CoreReleaseDTO> cores(String platform) {
        List<CoreReleaseDTO> out = db.inTransaction(c -> {
            List<CoreReleaseDTO> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CORE_COLUMNS + " FROM core_releases"
                    + (platform == null ? "" : " WHERE platform = ?"))) {
                if (platform != null) {
                    ps.setString(1, platform);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(coreRow(rs));
                    }
                }
            }
            return rows;
        });
        out.sort(Comparator.comparing((CoreReleaseDTO r) -> r.platform)
                .thenComparing((a, b) -> VersionOrderings.AGENT.compare(b.version, a.version)));
        return out;
    }

    @Override
    public Optional<CoreReleaseDTO> latestCore(String platform) {
        return cores(platform).stream().filter(r -> r.retiredAt == null).findFirst();
    }

    @Override
    public CoreReleaseDTO core(String platform, String version) {
        return db.inTransaction(c -> findCore(c, platform, version, false))
                .orElseThrow(() -> new UnknownArtifactException("no core " + version + " for " + platform));
    }

    @Override
    public CoreReleaseDTO retireCore(String actor, String platform, String version) {
        return retire(actor, "core_releases", "platform", platform, version, "core.retired",
                c -> findCore(c, platform, version, false)
                        .orElseThrow(() -> new UnknownArtifactException("no core " + version + " for " + platform)));
    }

    /** What retiring reads back: the row as it now stands (or a refusal when there is none). */
    @FunctionalInterface
    private interface Found<T> {
        T in(Connection c) throws SQLException;
    }

    /** Marks a row of {@code table} retired once (audited the first time only) and returns it as it now stands. */
    private <T> T retire(String actor, String table, String keyColumn, String key, String version, String auditAction,
            Found<T> found) {
        return db.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET retired_at = now(), retired_by = ?"
                    + " WHERE " + keyColumn + " = ? AND version = ? AND retired_at IS NULL")) {
                ps.setString(1, actor);
                ps.setString(2, key);
                ps.setString(3, version);
                n = ps.executeUpdate();
            }
            T row = found.in(c);
            if (n == 1) {
                audit.append(c, actor, auditAction, key + " " + version, false);
            }
            return row;
        });
    }

    private static Optional<CoreReleaseDTO> findCore(Connection c, String platform, String version, boolean lock)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CORE_COLUMNS + " FROM core_releases WHERE platform = ? "
                + "AND version = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, platform);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(coreRow(rs)) : Optional.empty();
            }
        }
    }

    private static CoreReleaseDTO coreRow(ResultSet rs) throws SQLException {
        CoreReleaseDTO r = new CoreReleaseDTO();
        r.platform = rs.getString(1);
        r.version = rs.getString(2);
        r.sha256 = rs.getString(3);
        r.length = rs.getLong(4);
        r.publishedAt = Rows.iso(rs.getTimestamp(5));
        r.publishedBy = rs.getString(6);
        r.retiredAt = Rows.iso(rs.getTimestamp(7));
        return r;
    }

    /** Another bundle offering a subsystem of that ecosystem (a version not retired), or null. */
    private static String provider(Connection c, String ecosystem, String except) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT symbolic_name FROM artifacts WHERE symbolic_name <> ? "
                + "AND retired_at IS NULL AND subsystems @> jsonb_build_array(?::text) LIMIT 1")) {
            ps.setString(1, except);
            ps.setString(2, ecosystem);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Publication same(ArtifactDTO had, String sha256) {
        if (!had.sha256.equals(sha256)) {
            throw new ArtifactConflictException(had.symbolicName + " " + had.version + " was published on " + had.publishedAt
                    + " with other bytes (sha256 " + had.sha256 + "); a version never changes: publish a new version");
        }
        return new Publication(had, false);
    }

    @Override
    public List<ArtifactDTO> list(String symbolicName) {
        List<ArtifactDTO> out = db.inTransaction(c -> {
            List<ArtifactDTO> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM artifacts"
                    + (symbolicName == null ? "" : " WHERE symbolic_name = ?"))) {
                if (symbolicName != null) {
                    ps.setString(1, symbolicName);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
        out.sort(ORDER);
        return out;
    }

    @Override
    public ArtifactDTO get(String symbolicName, String version) {
        String v = normalised(symbolicName, version);
        return db.inTransaction(c -> find(c, symbolicName, v, false)).orElseThrow(() -> unknown(symbolicName, version));
    }

    @Override
    public Content content(String symbolicName, String version) {
        ArtifactDTO a = get(symbolicName, version);
        return new Content(a, store.file(a.sha256, a.length, () -> blob(a.sha256)));
    }

    @Override
    public Content contentByHash(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new UnknownArtifactException("no artifact has sha256 '" + sha256 + "'");
        }
        ArtifactDTO a = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM artifacts WHERE sha256 = ? LIMIT 1")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return row(rs);
                    }
                }
            }
            // or a core release, served the same way
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CORE_COLUMNS + " FROM core_releases WHERE sha256 = ? "
                    + "LIMIT 1")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    CoreReleaseDTO r = coreRow(rs);
                    ArtifactDTO core = new ArtifactDTO();
                    core.symbolicName = "core/" + r.platform;
                    core.version = r.version;
                    core.sha256 = r.sha256;
                    core.length = r.length;
                    core.publishedAt = r.publishedAt;
                    core.publishedBy = r.publishedBy;
                    core.retiredAt = r.retiredAt;
                    return core;
                }
            }
        });
        if (a == null) {
            throw new UnknownArtifactException("no artifact has sha256 " + sha256);
        }
        return new Content(a, store.file(a.sha256, a.length, () -> blob(a.sha256)));
    }

    @Override
    public ArtifactDTO retire(String actor, String symbolicName, String version) {
        String v = normalised(symbolicName, version);
        return retire(actor, "artifacts", "symbolic_name", symbolicName, v, "artifact.retired",
                c -> find(c, symbolicName, v, false).orElseThrow(() -> unknown(symbolicName, version)));
    }

    private InputStream blob(String sha256) {
        byte[] bytes = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM artifact_blobs WHERE sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(new SQLException("artifact bytes " + sha256 + " are missing from the database"));
                    }
                    return rs.getBytes(1);
                }
            }
        });
        return new ByteArrayInputStream(bytes);
    }

    /** The version as stored (normalised); an unparseable one names no artifact. */
    private static String normalised(String symbolicName, String version) {
        try {
            return Version.parseVersion(version).toString();
        } catch (IllegalArgumentException e) {
            throw unknown(symbolicName, version);
        }
    }

    private static UnknownArtifactException unknown(String symbolicName, String version) {
        return new UnknownArtifactException("no artifact " + symbolicName + " " + version);
    }

    private static Optional<ArtifactDTO> find(Connection c, String symbolicName, String version, boolean lock)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM artifacts WHERE symbolic_name = ? AND version = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, symbolicName);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static ArtifactDTO row(ResultSet rs) throws SQLException {
        ArtifactDTO a = new ArtifactDTO();
        a.symbolicName = rs.getString(1);
        a.version = rs.getString(2);
        a.sha256 = rs.getString(3);
        a.length = rs.getLong(4);
        a.name = rs.getString(5);
        a.description = rs.getString(6);
        a.subsystems = Rows.fromJson(rs.getString(7), STRINGS);
        a.publishedAt = Rows.iso(rs.getTimestamp(8));
        a.publishedBy = rs.getString(9);
        a.retiredAt = Rows.iso(rs.getTimestamp(10));
        return a;
    }
}
