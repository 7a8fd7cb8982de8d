// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.db;

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
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;

/**
 * Hands Flyway the SQL migrations inside this bundle. Flyway's own class-path scanning finds
 * nothing in an OSGi bundle built without directory entries, so the migrations are listed through
 * {@link Bundle#findEntries} instead.
 */
final class BundleMigrations implements ResourceProvider {

    static final String FOLDER = "db/migration";
    private final Bundle bundle;

    BundleMigrations(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public LoadableResource getResource(String name) {
        URL url = bundle.getEntry(FOLDER + "/" + name);
        return url == null ? null : new Entry(url, name);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> out = new ArrayList<>();
        for (URL url : Collections.list(bundle.findEntries(FOLDER, "*", false))) {
            String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
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
