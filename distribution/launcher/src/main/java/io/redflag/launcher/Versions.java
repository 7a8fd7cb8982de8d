// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, written into the launcher by the build. */
final class Versions {

    private Versions() {}

    static String product() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("launcher jar lacks version.properties; rebuild it", e);
        }
    }
}
