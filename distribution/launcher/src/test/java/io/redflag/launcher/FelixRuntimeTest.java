// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The launcher over a real Felix with a persistent storage: the base set reconciled by name and version at every
 * start, bundles installed in place kept (never downgraded), start levels, configurations through ConfigAdmin.
 */
class FelixRuntimeTest {

    @TempDir
    Path tmp;

    @Test
    void aRestartKeepsTheInstalledBundlesAndChangesNothing() throws Exception {
        Path base = baseSet(Map.of("com.example.a", "1.0.0", "com.example.b", "1.0.0"));
        long idOfA;
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).contains("installed com.example.a 1.0.0", "installed com.example.b 1.0.0");
            Bundle a = FelixRuntime.find(fw.context(), "com.example.a");
            assertThat(a.getState()).isEqualTo(Bundle.ACTIVE);
            assertThat(a.getLocation()).isEqualTo(FelixRuntime.BASE_LOCATION + "com.example.a");
            assertThat(a.adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(FelixRuntime.LEVEL_CORE);
            assertThat(FelixRuntime.find(fw.context(), "org.apache.felix.configadmin").adapt(BundleStartLevel.class)
                    .getStartLevel()).isEqualTo(FelixRuntime.LEVEL_BOOT);
            idOfA = a.getBundleId();
        }
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).isEmpty();
            assertThat(FelixRuntime.find(fw.context(), "com.example.a").getBundleId()).isEqualTo(idOfA);
        }
    }

    @Test
    void aBundleInstalledInPlaceSurvivesAndIsNeverDowngradedByTheBaseSet() throws Exception {
        Path base = baseSet(Map.of("com.example.scanner", "1.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(), Map.of())) {
            Bundle b = FelixRuntime.find(fw.context(), "com.example.scanner");
            b.update(new ByteArrayInputStream(bundle("com.example.scanner", "1.2.0", "swapped")));
            Bundle plugin = fw.context().installBundle(FelixRuntime.PLUGIN_LOCATION + "com.example.extra",
                    new ByteArrayInputStream(bundle("com.example.extra", "0.3.0", "extra")));
            plugin.adapt(BundleStartLevel.class).setStartLevel(FelixRuntime.LEVEL_PLUGINS);
            plugin.start();
        }
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).containsExactly("kept com.example.scanner 1.2.0 installed in place (the base set has 1.0.0)");
            assertThat(FelixRuntime.find(fw.context(), "com.example.scanner").getVersion().toString()).isEqualTo("1.2.0");
            Bundle extra = FelixRuntime.find(fw.context(), "com.example.extra");
            assertThat(extra.getState()).as("started again at its level").isEqualTo(Bundle.ACTIVE);
        }
        // a newer launcher brings a newer version than the one installed in place: that one wins
        Path newer = baseSet(Map.of("com.example.scanner", "2.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(newer), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).containsExactly("updated com.example.scanner to 2.0.0");
            assertThat(FelixRuntime.find(fw.context(), "com.example.scanner").getVersion().toString()).isEqualTo("2.0.0");
            assertThat(FelixRuntime.find(fw.context(), "com.example.extra")).as("not the base set's business").isNotNull();
        }
    }

    @Test
    void aCoreRolledBackRunsItsOwnBaseSetAgainButAPlugInSwappedInPlaceStays() throws Exception {
        Path old = baseSet(Map.of("com.example.core", "1.0.0", "com.example.scanner", "1.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(old), Map.of(), Map.of())) {
            assertThat(FelixRuntime.find(fw.context(), "com.example.core").getVersion().toString()).isEqualTo("1.0.0");
        }
        Path newer = baseSet(Map.of("com.example.core", "2.0.0", "com.example.scanner", "1.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(newer), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).contains("updated com.example.core to 2.0.0");
            // meanwhile a newer scanner is swapped in place
            FelixRuntime.find(fw.context(), "com.example.scanner")
                    .update(new ByteArrayInputStream(bundle("com.example.scanner", "1.5.0", "swapped")));
        }
        // the new core is rolled back: the old core's own bundles, but not below what was swapped in place
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(old), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).containsExactlyInAnyOrder("updated com.example.core to 1.0.0",
                    "kept com.example.scanner 1.5.0 installed in place (the base set has 1.0.0)");
            assertThat(FelixRuntime.find(fw.context(), "com.example.core").getVersion().toString()).isEqualTo("1.0.0");
        }
    }

    @Test
    void theBaseSetUpdatesChangedBytesAndDropsWhatItNoLongerHolds() throws Exception {
        Path v1 = baseSet(Map.of("com.example.a", "1.0.0", "com.example.gone", "1.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(v1), Map.of(), Map.of())) {
            assertThat(FelixRuntime.find(fw.context(), "com.example.gone")).isNotNull();
        }
        Path v2 = tmp.resolve("v2");
        Files.createDirectories(v2);
        Files.copy(v1.resolve("org.apache.felix.configadmin.jar"), v2.resolve("org.apache.felix.configadmin.jar"));
        Files.write(v2.resolve("a.jar"), bundle("com.example.a", "1.0.0", "rebuilt with the same version"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(v2), Map.of(), Map.of())) {
            assertThat(fw.reconciled()).containsExactlyInAnyOrder("updated com.example.a to 1.0.0",
                    "uninstalled com.example.gone 1.0.0 (no longer in the base set)");
            assertThat(FelixRuntime.find(fw.context(), "com.example.gone")).isNull();
            assertThat(new String(FelixRuntime.find(fw.context(), "com.example.a").getEntry("payload.txt").openStream()
                    .readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rebuilt with the same version");
        }
    }

    @Test
    void configurationsAreWrittenThroughConfigAdminAndThoseNoLongerWrittenAreDeleted() throws Exception {
        Path base = baseSet(Map.of("com.example.a", "1.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(),
                Map.of("com.example.loop", Map.of("server.url", "http://x"), "com.example.keep", Map.of("k", "v")))) {
            ConfigurationAdmin admin = fw.context().getService(fw.context().getServiceReference(ConfigurationAdmin.class));
            assertThat(admin.getConfiguration("com.example.loop", "?").getProperties().get("server.url")).isEqualTo("http://x");
        }
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(),
                Map.of("com.example.keep", Map.of("k", "v2")))) {
            ConfigurationAdmin admin = fw.context().getService(fw.context().getServiceReference(ConfigurationAdmin.class));
            Configuration[] loop = admin.listConfigurations("(service.pid=com.example.loop)");
            assertThat(loop).as("a run-mode configuration is gone in a start that does not write it").isNull();
            assertThat(admin.getConfiguration("com.example.keep", "?").getProperties().get("k")).isEqualTo("v2");
        }
    }

    @Test
    void anUnreadableStorageIsStartedAfreshFromTheBaseSet() throws Exception {
        Path base = baseSet(Map.of("com.example.a", "1.0.0"));
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(), Map.of())) {
            assertThat(FelixRuntime.find(fw.context(), "com.example.a")).isNotNull();
        }
        try (var dirs = Files.list(tmp.resolve("cache"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (Files.isDirectory(d) && d.getFileName().toString().startsWith("bundle") && !d.endsWith("bundle0")) {
                    try (var files = Files.walk(d)) {
                        files.filter(Files::isRegularFile).forEach(f -> {
                            try {
                                Files.write(f, new byte[] {1, 2, 3});
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                    }
                }
            }
        }
        try (FelixRuntime fw = FelixRuntime.start(tmp.resolve("cache"), BundleSource.folder(base), Map.of(), Map.of())) {
            assertThat(FelixRuntime.find(fw.context(), "com.example.a").getState()).isEqualTo(Bundle.ACTIVE);
        }
    }

    /** A folder with ConfigAdmin and one small bundle per name. */
    private Path baseSet(Map<String, String> bundles) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "base");
        Path configAdmin = Path.of(org.apache.felix.cm.PersistenceManager.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Files.copy(configAdmin, dir.resolve("org.apache.felix.configadmin.jar"));
        for (Map.Entry<String, String> b : bundles.entrySet()) {
            Files.write(dir.resolve(b.getKey() + ".jar"), bundle(b.getKey(), b.getValue(), b.getKey() + " " + b.getValue()));
        }
        return dir;
    }

    static byte[] bundle(String name, String version, String payload) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", name);
        m.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new ZipEntry("payload.txt"));
            jar.write(payload.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return out.toByteArray();
    }
}
