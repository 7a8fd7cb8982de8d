// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;
import java.nio.file.Path;

/** Our APT plug-in passes the suite on the agent's platform, as a third party's would. */
public class AptOnTheAgentIT extends AgentSideConformance {

    @Override
    protected Path pluginJar() {
        return OurPlugins.jar("scanner.apt");
    }

    @Override
    protected void script(ScriptedRunner host) {
        host.answer("apt list --upgradable", Fixtures.text("apt/list-upgradable.txt"))
                .answer("dpkg --print-architecture", "amd64\n");
    }
}
