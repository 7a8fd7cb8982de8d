// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Flyway the SQL migrations of this bundle. Flyway's own class-path scanning finds nothing in
 * an OSGi bundle built without directory entries, so the files are listed by whoever knows how:
 * {@link Bundle#findEntries} in the runtime, the class path in tests.
 */
public final class MigrationFiles implements ResourceProvider {

    /** Where the migrations are, inside this bundle. */
    public static final String FOLDER = "db/migration";
    private static final Logger LOG = LoggerFactory.getLogger(MigrationFiles.class);
    private final List<URL> files;

    public MigrationFiles(Collection<URL> files) {
        this.files = List.copyOf(files);
    }

    static MigrationFiles of(Bundle bundle) {
        return new MigrationFiles(Collections.list(bundle.findEntries(FOLDER, "*.sql", false)));
    }

    /** Brings the schema behind {@code db} to the newest version; safe with several nodes at once (Flyway's lock). */
    public static void migrate(DataSource db, MigrationFiles files, ClassLoader loader) {
        MigrateResult result = Flyway.configure(loader)
                .dataSource(db)
                .resourceProvider(files)
                .failOnMissingLocations(false)
                .load()
                .migrate();
        LOG.info("Database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion, result.migrationsExecuted);
    }

    @Override
    public LoadableResource getResource(String name) {
        return files.stream().filter(u -> fileName(u).equals(name)).findFirst().map(u -> (LoadableResource) new Entry(u, name))
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> out = new ArrayList<>();
        for (URL url : files) {
            String file = fileName(url);
            if (!file.startsWith(prefix)) {
                continue;
            }
            for (String suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    out.add(new Entry(url, file));
                    break;
                }
            }
        }
        return out;
    }

    private static String fileName(URL url) {
        return url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
    }

    private static final class Entry extends LoadableResource {
        private final URL url;
        private final String file;

        Entry(URL url, String file) {
            this.url = url;
            this.file = file;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + file, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
