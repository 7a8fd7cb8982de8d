// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Where a runtime's bundles come from: a folder, or the {@code bundles/} folder inside the launcher's own jar. */
public interface BundleSource {

    /** One bundle jar: a location string for the framework and a way to read it. */
    interface Entry {
        String location();

        InputStream open() throws IOException;
    }

    List<Entry> entries() throws IOException;

    static BundleSource folder(Path dir) {
        return () -> {
            if (!Files.isDirectory(dir)) {
                throw new IOException("bundle folder " + dir + " does not exist");
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<Entry> out = new ArrayList<>();
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> out.add(new Entry() {
                    @Override
                    public String location() {
                        return p.toUri().toString();
                    }

                    @Override
                    public InputStream open() throws IOException {
                        return Files.newInputStream(p);
                    }
                }));
                return out;
            }
        };
    }

    /** The bundles packed into the running jar under {@code bundles/}, or a folder when run from classes. */
    static BundleSource embedded(Class<?> anchor) {
        return () -> {
            Path self;
            try {
                self = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate the launcher jar", e);
            }
            if (Files.isDirectory(self)) {
                return folder(self.resolve("bundles")).entries();
            }
            List<Entry> out = new ArrayList<>();
            try (JarFile jar = new JarFile(self.toFile())) {
                Enumeration<JarEntry> all = jar.entries();
                while (all.hasMoreElements()) {
                    JarEntry e = all.nextElement();
                    if (e.getName().startsWith("bundles/") && e.getName().endsWith(".jar")) {
                        String name = e.getName();
                        out.add(new Entry() {
                            @Override
                            public String location() {
                                return "redflag:" + name;
                            }

                            @Override
                            public InputStream open() throws IOException {
                                JarFile j = new JarFile(self.toFile());
                                InputStream in = j.getInputStream(j.getEntry(name));
                                return new java.io.FilterInputStream(in) {
                                    @Override
                                    public void close() throws IOException {
                                        super.close();
                                        j.close();
                                    }
                                };
                            }
                        });
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.sort((a, b) -> a.location().compareTo(b.location()));
            if (out.isEmpty()) {
                throw new IOException(self + " holds no bundles/ folder: was it built by the distribution module?");
            }
            return out;
        };
    }
}
