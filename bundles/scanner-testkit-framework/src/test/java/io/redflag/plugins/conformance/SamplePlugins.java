// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sample plug-in bundles, built with bnd as a plug-in's build would (DS 1.5 descriptions, Import-Package computed
 * from the api's package versions) from the classes of {@code io.redflag.plugins.samples} and one variant package;
 * {@code instructions} change what a broken build would change.
 */
final class SamplePlugins {

    /** The jar the sample suites test: set before each run. */
    static volatile Path current;

    private SamplePlugins() {}

    static Path build(Path dir, String variant, Map<String, String> instructions) throws Exception {
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", "org.example.sample." + variant);
            b.setProperty("Bundle-Version", "1.0.0");
            b.setProperty("-includepackage", "io.redflag.plugins.samples,io.redflag.plugins.samples." + variant);
            b.setProperty("-dsannotations-options", "version;minimum=1.5.0");
            b.setProperty("-noextraheaders", "true");
            instructions.forEach(b::setProperty);
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank() && new File(entry).exists()) {
                    b.addClasspath(new File(entry));
                }
            }
            Jar jar = b.build();
            if (!b.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd: " + b.getErrors());
            }
            Path out = dir.resolve(variant + ".jar");
            Files.createDirectories(dir);
            jar.write(out.toFile());
            return out;
        }
    }
}
