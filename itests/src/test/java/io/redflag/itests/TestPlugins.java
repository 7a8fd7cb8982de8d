// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A third party's scanner plug-in for an ecosystem we do not ship ("snap"), built outside the reactor the way its
 * author's build would: its sources compiled by the JDK's compiler against our API jar alone, and the manifest and
 * component descriptions bnd would write. Its scanner reports one record naming the plug-in's version, so a test
 * sees which version ran. Variants misbehave on purpose: a component that fails to activate, an import nobody
 * exports.
 */
public final class TestPlugins {

    public static final String NAME = "com.example.snap";
    public static final String ECOSYSTEM = "snap";

    /** How a built plug-in behaves. */
    public enum Kind { WORKS, FAILS_TO_ACTIVATE, UNRESOLVABLE, HANGS_ONCE }

    private TestPlugins() {}

    public static byte[] build(String version, Kind kind) {
        return build(version, kind, null);
    }

    /**
     * A plug-in of that kind; {@link Kind#HANGS_ONCE}: its descriptor's activation creates {@code marker} and then hangs
     * for two minutes the first time (a swap a test can kill the runtime in the middle of), and is quick once the marker
     * exists.
     */
    public static byte[] build(String version, Kind kind, Path marker) {
        return build(NAME, ECOSYSTEM, version, kind, marker);
    }

    /** The same plug-in under another symbolic name and for another ecosystem (a test of its own, not sharing "snap"). */
    public static byte[] build(String symbolicName, String ecosystem, String version, Kind kind, Path marker) {
        try {
            Path dir = Files.createTempDirectory("plugin-" + version);
            Path src = dir.resolve("src/com/example/snap/internal");
            Files.createDirectories(src);
            Files.writeString(src.resolve("SnapDescriptor.java"), """
                    package com.example.snap.internal;

                    import io.redflag.scanner.PackageUpdateDTO;
                    import io.redflag.scanner.ScanException;
                    import io.redflag.scanner.SubsystemDescriptor;
                    import io.redflag.version.VersionOrdering;
                    import io.redflag.version.VersionOrderings;
                    import java.util.ArrayList;
                    import java.util.List;
                    
                    public final class SnapDescriptor implements SubsystemDescriptor {
                        public SnapDescriptor() {
                            %s
                        }

                        @Override
                        public VersionOrdering versionOrdering() {
                            return VersionOrderings.SEMVER;
                        }

                        /** Lines of "name installed available". */
                        @Override
                        public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
                            List<PackageUpdateDTO> out = new ArrayList<>();
                            for (String line : output.split("\\n")) {
                                String[] f = line.trim().split("\\\\s+");
                                if (f.length == 3) {
                                    PackageUpdateDTO u = new PackageUpdateDTO();
                                    u.id = f[0];
                                    u.name = f[0];
                                    u.installedVersion = f[1];
                                    u.availableVersion = f[2];
                                    out.add(u);
                                } else if (!line.isBlank()) {
                                    throw new ScanException("not a snap listing line: " + line);
                                }
                            }
                            return out;
                        }
                    }
                    """.formatted(switch (kind) {
                        case FAILS_TO_ACTIVATE -> "throw new IllegalStateException(\"this build of the snap plug-in is broken\");";
                        case HANGS_ONCE -> ("java.nio.file.Path marker = java.nio.file.Path.of(\"%s\");"
                                + " if (!java.nio.file.Files.exists(marker)) { try { java.nio.file.Files.createFile(marker);"
                                + " Thread.sleep(120_000); } catch (Exception e) { } }").formatted(marker.toAbsolutePath());
                        default -> "";
                    }));
            Files.writeString(src.resolve("SnapScanner.java"), """
                    package com.example.snap.internal;

                    import io.redflag.scanner.InstallResultDTO;
                    import io.redflag.scanner.PackageScanner;
                    import io.redflag.scanner.ScanContext;
                    import io.redflag.scanner.ScanException;
                    import io.redflag.scanner.ScanReportDTO;
                    import io.redflag.scanner.TransactionPlanDTO;
                    import java.util.List;
                    
                    public final class SnapScanner implements PackageScanner {
                        @Override
                        public ScanReportDTO scan(ScanContext ctx) throws ScanException {
                            return ScanReportDTO.of(new SnapDescriptor().parseScanOutput("%s-plugin %s %s\\n"));
                        }

                        @Override
                        public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
                            throw new ScanException("the test plug-in installs nothing");
                        }

                        @Override
                        public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
                            throw new ScanException("the test plug-in installs nothing");
                        }
                    }
                    """.formatted(ecosystem, version, version));
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int rc = javac.run(null, errors, errors, "-d", classes.toString(), "--release", "17", "-classpath",
                    System.getProperty("java.class.path"), src.resolve("SnapDescriptor.java").toString(),
                    src.resolve("SnapScanner.java").toString());
            if (rc != 0) {
                throw new IllegalStateException("the test plug-in does not compile:\n" + errors);
            }
            return jar(classes, symbolicName, ecosystem, version, kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path buildTo(Path folder, String version, Kind kind) throws IOException {
        Files.createDirectories(folder);
        return Files.write(folder.resolve(NAME + "-" + version + "-" + kind.name().toLowerCase() + ".jar"), build(version, kind));
    }

    private static byte[] jar(Path classes, String symbolicName, String ecosystem, String version, Kind kind)
            throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Bundle-SymbolicName", symbolicName);
        h.put("Bundle-Version", version);
        h.put("Bundle-Name", "Snap scanner (test plug-in)");
        h.put("Import-Package", "io.redflag.scanner;version=\"[1.0,2)\",io.redflag.version;version=\"[1.0,2)\""
                + (kind == Kind.UNRESOLVABLE ? ",com.example.nobody.exports.this;version=\"[1.0,2)\"" : ""));
        h.put("Provide-Capability", "io.redflag.subsystem;ecosystem=" + ecosystem);
        h.put("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)"
                + "(!(version>=2.0.0)))\"");
        h.put("Service-Component", "OSGI-INF/com.example.snap.internal.SnapDescriptor.xml,"
                + "OSGI-INF/com.example.snap.internal.SnapScanner.xml");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                entries.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        entries.put("OSGI-INF/com.example.snap.internal.SnapDescriptor.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.5.0" name="com.example.snap.internal.SnapDescriptor" immediate="true">
                  <property name="subsystem.ecosystem" type="String" value="%s"/>
                  <property name="subsystem.displayName" type="String" value="%s (test plug-in %s)"/>
                  <property name="subsystem.os" type="String">linux</property>
                  <property name="subsystem.defaultIntervalSeconds" type="Long" value="3600"/>
                  <property name="subsystem.kind" type="String" value="UPDATES"/>
                  <service><provide interface="io.redflag.scanner.SubsystemDescriptor"/></service>
                  <implementation class="com.example.snap.internal.SnapDescriptor"/>
                </scr:component>
                """.formatted(ecosystem, Character.toUpperCase(ecosystem.charAt(0)) + ecosystem.substring(1), version)
                .getBytes(StandardCharsets.UTF_8));
        entries.put("OSGI-INF/com.example.snap.internal.SnapScanner.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.5.0" name="com.example.snap.internal.SnapScanner">
                  <property name="scanner.ecosystem" type="String" value="%s"/>
                  <property name="osgi.ds.satisfying.condition.target" type="String" value="(osgi.condition.id=io.redflag.agent)"/>
                  <service><provide interface="io.redflag.scanner.PackageScanner"/></service>
                  <implementation class="com.example.snap.internal.SnapScanner"/>
                </scr:component>
                """.formatted(ecosystem).getBytes(StandardCharsets.UTF_8));
        return jar(h, entries);
    }

    /** A bundle jar: {@code Bundle-ManifestVersion: 2} and the given headers, then the entries in their order. */
    public static byte[] jar(Map<String, String> headers, Map<String, byte[]> entries) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
