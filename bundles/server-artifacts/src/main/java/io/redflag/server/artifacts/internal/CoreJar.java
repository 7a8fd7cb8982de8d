// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.server.artifacts.InvalidArtifactException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * What a published agent core is: the runnable {@code redflag-agent.jar} (its launcher's main class, its version, the
 * bundles it carries). Anything else is refused before it is kept.
 */
record CoreJar(String version, int bundles) {

    static final String MAIN_CLASS = "io.redflag.launcher.AgentMain";
    private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+-]{0,63}");

    static CoreJar read(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            var manifest = jar.getManifest();
            if (manifest == null) {
                throw new InvalidArtifactException("not an agent core: the jar has no manifest");
            }
            Attributes main = manifest.getMainAttributes();
            if (!MAIN_CLASS.equals(main.getValue(Attributes.Name.MAIN_CLASS))) {
                throw new InvalidArtifactException("not an agent core: its Main-Class is " + main.getValue(Attributes.Name.MAIN_CLASS)
                        + ", not " + MAIN_CLASS + " (publish bundles to /api/v1/artifacts)");
            }
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new InvalidArtifactException("not an agent core: Implementation-Version '" + version + "' is not a version");
            }
            int bundles = (int) jar.stream().filter(e -> e.getName().startsWith("bundles/") && e.getName().endsWith(".jar"))
                    .count();
            if (bundles == 0) {
                throw new InvalidArtifactException("not an agent core: it carries no bundles/");
            }
            return new CoreJar(version, bundles);
        } catch (IOException | SecurityException e) {
            throw new InvalidArtifactException("not a jar: " + e.getMessage());
        }
    }
}
