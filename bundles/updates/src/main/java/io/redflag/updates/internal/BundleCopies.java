// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.osgi.framework.Bundle;

/**
 * A jar with the content of an installed bundle (its own entries, not its fragments'), to restore it if what replaces
 * it fails. The bytes differ from the original jar's (zip metadata); the classes, resources and manifest do not.
 */
final class BundleCopies {

    static final int MAX_BYTES = 256 * 1024 * 1024;

    private BundleCopies() {}

    static byte[] of(Bundle bundle) throws IOException {
        URL manifestUrl = bundle.getEntry("META-INF/MANIFEST.MF");
        if (manifestUrl == null) {
            throw new IOException(bundle.getSymbolicName() + " has no manifest to copy");
        }
        Manifest manifest;
        try (InputStream in = manifestUrl.openStream()) {
            manifest = new Manifest(in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            Deque<String> folders = new ArrayDeque<>();
            folders.push("/");
            while (!folders.isEmpty()) {
                Enumeration<String> paths = bundle.getEntryPaths(folders.pop());
                while (paths != null && paths.hasMoreElements()) {
                    String path = paths.nextElement();
                    if (path.endsWith("/")) {
                        folders.push(path);
                        jar.putNextEntry(new ZipEntry(path));
                        jar.closeEntry();
                    } else if (!path.equals("META-INF/MANIFEST.MF")) {
                        URL url = bundle.getEntry(path);
                        if (url == null) {
                            continue;
                        }
                        jar.putNextEntry(new ZipEntry(path));
                        try (InputStream in = url.openStream()) {
                            in.transferTo(jar);
                        }
                        jar.closeEntry();
                        if (out.size() > MAX_BYTES) {
                            throw new IOException(bundle.getSymbolicName() + " is too large to keep a copy of");
                        }
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
