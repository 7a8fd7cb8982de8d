// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.framework.PlatformOptions;
import java.nio.file.Path;

/** Our own plug-ins' jars, from this module's test class path. */
final class OurPlugins {

    private OurPlugins() {}

    /** The jar of {@code io.redflag:ARTIFACT}. */
    static Path jar(String artifactId) {
        return PlatformOptions.jarOf(artifactId);
    }
}
