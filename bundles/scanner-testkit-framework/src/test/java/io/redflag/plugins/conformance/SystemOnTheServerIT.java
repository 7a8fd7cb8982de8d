// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.framework.ServerSideConformance;
import java.nio.file.Path;

/** Our system plug-in (storage and system readings) passes the suite on the server's platform, as a third party's would. */
public class SystemOnTheServerIT extends ServerSideConformance {

    @Override
    protected Path pluginJar() {
        return OurPlugins.jar("scanner.system");
    }
}
