// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.server.artifacts.InvalidArtifactException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.osgi.framework.Version;

/**
 * What a jar says it is, read from its manifest only: no class of it is loaded while it is published and checked.
 * (Once offered, a plug-in does run on the server: {@link ServerPlugins}.) The manifest is read with a size cap (a
 * manifest that inflates without end is refused).
 */
record BundleManifest(String symbolicName, Version version, String name, String description, List<String> subsystems) {

    /** Capability namespace of subsystem descriptors (the api's {@code SubsystemType.NAMESPACE}). */
    static final String SUBSYSTEM_NAMESPACE = "io.redflag.subsystem";
    static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
    private static final Pattern ECOSYSTEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int MAX_TEXT = 4000;

    /** @throws InvalidArtifactException naming what is missing or wrong */
    static BundleManifest read(Path jar) {
        Manifest manifest;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
            if (entry == null) {
                throw new InvalidArtifactException("not a bundle: the jar has no " + JarFile.MANIFEST_NAME);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
                if (bytes.length > MAX_MANIFEST_BYTES) {
                    throw new InvalidArtifactException("the manifest is over " + MAX_MANIFEST_BYTES + " bytes");
                }
                manifest = new Manifest(new ByteArrayInputStream(bytes));
            }
        } catch (ZipException e) {
            throw new InvalidArtifactException("not a jar (zip) file");
        } catch (IOException e) {
            throw new InvalidArtifactException("the jar cannot be read: " + e.getMessage());
        }
        return of(manifest.getMainAttributes());
    }

    static BundleManifest of(Attributes main) {
        if (!"2".equals(trim(main.getValue("Bundle-ManifestVersion")))) {
            throw new InvalidArtifactException("not an OSGi bundle: Bundle-ManifestVersion must be 2");
        }
        String bsn = trim(main.getValue("Bundle-SymbolicName"));
        if (bsn == null) {
            throw new InvalidArtifactException("not a bundle: the manifest has no Bundle-SymbolicName");
        }
        int semi = bsn.indexOf(';');
        String symbolicName = (semi < 0 ? bsn : bsn.substring(0, semi)).trim();
        if (!SYMBOLIC_NAME.matcher(symbolicName).matches()) {
            throw new InvalidArtifactException("Bundle-SymbolicName '" + printable(symbolicName)
                    + "' is not a symbolic name (letters, digits, '_', '.', '-'; at most 255)");
        }
        String versionText = trim(main.getValue("Bundle-Version"));
        if (versionText == null) {
            throw new InvalidArtifactException("the manifest has no Bundle-Version (a version is published once and never changes)");
        }
        Version version;
        try {
            version = Version.parseVersion(versionText);
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException("Bundle-Version '" + printable(versionText) + "' is not an OSGi version");
        }
        if (main.getValue("Fragment-Host") != null) {
            throw new InvalidArtifactException("fragments are not published on their own (Fragment-Host): publish the host bundle");
        }
        List<String> subsystems = new ArrayList<>();
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Provide-Capability"))) {
            if (c.name().equals(SUBSYSTEM_NAMESPACE)) {
                String eco = c.attributes().get("ecosystem");
                if (eco == null || !ECOSYSTEM.matcher(eco).matches()) {
                    throw new InvalidArtifactException("an " + SUBSYSTEM_NAMESPACE
                            + " capability needs an ecosystem of lower-case letters, digits and '-' (at most 40)");
                }
                if (!subsystems.contains(eco)) {
                    subsystems.add(eco);
                }
            }
        }
        return new BundleManifest(symbolicName, version, text(main.getValue("Bundle-Name")),
                text(main.getValue("Bundle-Description")), List.copyOf(subsystems));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String text(String s) {
        String t = trim(s);
        return t == null ? null : printable(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t);
    }

    /** Control characters out of what people and logs will see. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 300));
        s.codePoints().limit(300).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return b.toString();
    }
}
