// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * New releases of the agent core, made from the real {@code redflag-agent.jar} the way a release build would stamp
 * them: the jar's version, its launcher's version and the agent core bundle's {@code RedFlag-Version} all say the new
 * version. A broken release lacks the agent core bundle: its framework starts, but nothing ever checks in.
 */
final class TestCores {

    enum Kind { WORKS, NEVER_CHECKS_IN }

    private TestCores() {}

    static byte[] release(String version, Kind kind) throws IOException {
        Path agent = Path.of(System.getProperty("redflag.agent.jar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(agent)); JarOutputStream jar = new JarOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] bytes = in.readAllBytes();
                String name = e.getName();
                if (name.equals("META-INF/MANIFEST.MF")) {
                    Manifest m = new Manifest(new ByteArrayInputStream(bytes));
                    m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
                    bytes = write(m);
                } else if (name.equals("io/redflag/launcher/version.properties")) {
                    bytes = ("version=" + version + "\n").getBytes(StandardCharsets.ISO_8859_1);
                } else if (name.startsWith("bundles/agent-") && name.endsWith(".jar")) {
                    if (kind == Kind.NEVER_CHECKS_IN) {
                        continue;
                    }
                    bytes = restamp(bytes, version);
                }
                jar.putNextEntry(new ZipEntry(name));
                jar.write(bytes);
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The agent core bundle with its RedFlag-Version set. */
    private static byte[] restamp(byte[] bundle, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundle))) {
            Manifest m = in.getManifest();
            m.getMainAttributes().putValue("RedFlag-Version", version);
            try (JarOutputStream jar = new JarOutputStream(out, m)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                    jar.putNextEntry(new ZipEntry(e.getName()));
                    copy(in, jar);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static void copy(InputStream in, java.io.OutputStream out) throws IOException {
        in.transferTo(out);
    }

    private static byte[] write(Manifest m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }
}
