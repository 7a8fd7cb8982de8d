// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;
import java.nio.file.Path;

/** Our DNF plug-in passes the suite on the agent's platform, over a host whose dnf lists two updates. */
public class DnfOnTheAgentIT extends AgentSideConformance {

    @Override
    protected Path pluginJar() {
        return OurPlugins.jar("scanner.dnf");
    }

    @Override
    protected void script(ScriptedRunner host) {
        host.answer("dnf check-update", 100, "Last metadata expiration check: 0:12:31 ago on Tue 01 Dec 2026 06:00:00 AM UTC.\n"
                + "\n"
                + "openssl-libs.x86_64                 1:3.2.2-9.fc40                 updates\n"
                + "tzdata.noarch                       2025a-1.fc40                   updates\n")
                .answer("dnf updateinfo list --updates", 0, "");
    }
}
