// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.framework.ServerSideConformance;
import java.nio.file.Path;

/** The server-side suite over {@link SamplePlugins#current}, run by {@link TheSuiteCatchesIT} (not by failsafe itself). */
public class SampleOnTheServer extends ServerSideConformance {

    @Override
    protected Path pluginJar() {
        return SamplePlugins.current;
    }
}
