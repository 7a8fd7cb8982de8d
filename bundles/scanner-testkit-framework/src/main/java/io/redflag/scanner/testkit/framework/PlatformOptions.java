// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit.framework;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * A plug-in bundle among one side's platform bundles, as Pax Exam options. The platform is the distribution's own
 * bundle set ({@code bundles/*.jar} inside the {@code distribution.agent} or {@code distribution.server} jar on the
 * test class path — exactly what ships), less any bundle with the plug-in's symbolic name; the plug-in is installed
 * but not started, so that its resolution is a test with words rather than a framework that does not start.
 */
public final class PlatformOptions {

    /** Framework property: the plug-in's symbolic name. */
    public static final String PLUGIN_BSN = "redflag.testkit.plugin";
    /** Framework property: which side this framework is ("agent" or "server"). */
    public static final String SIDE = "redflag.testkit.side";
    /** System property: the plug-in jar, when it is not the one jar in {@code target/}. */
    public static final String PLUGIN_JAR = "redflag.plugin.bundle";
    /** The agent runtime's core bundle: installed, started by the tests once their runner is in place. */
    static final String AGENT_CORE = "io.redflag.agent";

    private PlatformOptions() {}

    /** The side a framework plays. */
    public enum Side {
        AGENT("distribution.agent"), SERVER("distribution.server");

        final String distribution;

        Side(String distribution) {
            this.distribution = distribution;
        }
    }

    /** The options for {@code plugin} on {@code side}: the platform's bundles, the test kit's, the plug-in's. */
    public static Option[] of(Side side, Path plugin) {
        // Pax URL's link: and mvn: handlers (junitBundles) are found through this when the JVM's factory is taken
        if (System.getProperty("java.protocol.handler.pkgs") == null) {
            System.setProperty("java.protocol.handler.pkgs", "org.ops4j.pax.url");
        }
        String pluginBsn = symbolicName(plugin);
        List<Option> options = new ArrayList<>(List.of(junitBundles(), cleanCaches(), frameworkStartLevel(10),
                frameworkProperty(PLUGIN_BSN).value(pluginBsn), frameworkProperty(SIDE).value(side.name().toLowerCase()),
                // the server's HTTP is not what is tested: no port is opened
                frameworkProperty("org.apache.felix.http.enable").value("false"),
                frameworkProperty("org.apache.felix.https.enable").value("false"),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN")));
        Path distribution = jarOf(side.distribution);
        try (JarFile jar = new JarFile(distribution.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            List<String> names = new ArrayList<>();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith("bundles/") && name.endsWith(".jar")) {
                    names.add(name);
                }
            }
            names.sort(null);
            for (String name : names) {
                String bsn;
                try (InputStream in = jar.getInputStream(jar.getEntry(name)); JarInputStream bundle = new JarInputStream(in)) {
                    bsn = symbolicName(bundle.getManifest(), name);
                }
                if (bsn.equals(pluginBsn)) {
                    continue; // the plug-in under test replaces the platform's copy of itself
                }
                String file = name.substring("bundles/".length());
                int level = file.startsWith("org.apache.aries.spifly") ? 1 : file.startsWith("slf4j") ? 2
                        : file.contains("configadmin") ? 3 : file.contains("felix.scr") ? 4 : 5;
                options.add(bundle("jar:" + distribution.toUri() + "!/" + name).startLevel(level).start(!bsn.equals(AGENT_CORE)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the platform's bundles in " + distribution + ": " + e.getMessage(), e);
        }
        options.add(bundle(location(io.redflag.scanner.testkit.ScriptedRunner.class)).startLevel(5).start());
        options.add(bundle(location(PlatformOptions.class)).startLevel(5).start());
        options.add(bundle(plugin.toUri().toString()).startLevel(6).start(false));
        return options.toArray(new Option[0]);
    }

    /**
     * The plug-in's jar: {@code -Dredflag.plugin.bundle=PATH}, or else the one jar in {@code target/} that is not
     * sources, javadoc or tests (run the suite with failsafe, after {@code package}).
     */
    public static Path pluginJar() {
        String given = System.getProperty(PLUGIN_JAR);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(PLUGIN_JAR + "=" + given + ": no such file");
            }
            return p;
        }
        Path target = Path.of("target");
        List<Path> jars;
        try (Stream<Path> files = Files.list(target)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).filter(f -> !f.getFileName().toString()
                    .matches(".*-(sources|javadoc|tests|test-sources)\\.jar")).toList();
        } catch (IOException e) {
            jars = List.of();
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("cannot tell which jar is the plug-in: " + (jars.isEmpty()
                    ? "there is none in " + target.toAbsolutePath() + " (run this test with failsafe, after package)"
                    : "there are " + jars.size() + " in " + target.toAbsolutePath()) + "; name it with -D" + PLUGIN_JAR + "=PATH");
        }
        return jars.get(0);
    }

    /** The jar of {@code io.redflag:artifactId} on the test class path (a platform, or one of our plug-ins). */
    public static Path jarOf(String artifactId) {
        String marker = "META-INF/maven/io.redflag/" + artifactId + "/pom.properties";
        URL url = PlatformOptions.class.getClassLoader().getResource(marker);
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IllegalStateException("io.redflag:" + artifactId + " is not on the test class path as a jar"
                    + " (the test kit depends on it: is the kit a test dependency of this project?)");
        }
        String path = url.getPath();
        try {
            return Path.of(new URL(path.substring(0, path.indexOf("!/"))).toURI());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + url, e);
        }
    }

    /** Where a class of a bundle on the class path was loaded from: its jar, or a build's classes folder. */
    static String location(Class<?> type) {
        try {
            Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? "reference:" + p.toUri() : p.toUri().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    static String symbolicName(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            return symbolicName(f.getManifest(), jar.toString());
        } catch (IOException e) {
            throw new IllegalStateException("the plug-in " + jar + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    private static String symbolicName(Manifest manifest, String what) {
        String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null) {
            throw new IllegalStateException(what + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName"
                    + " (is the bnd-maven-plugin's jar goal in the build?)");
        }
        int semicolon = bsn.indexOf(';');
        return (semicolon < 0 ? bsn : bsn.substring(0, semicolon)).trim();
    }
}
