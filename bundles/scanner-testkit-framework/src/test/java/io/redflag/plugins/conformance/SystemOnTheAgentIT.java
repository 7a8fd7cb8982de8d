// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;
import java.nio.file.Path;

/**
 * Our system plug-in — readings of the host, not updates, in two subsystems (system and storage) — passes the suite
 * on the agent's platform: it reads this machine through the JDK and oshi, no command.
 */
public class SystemOnTheAgentIT extends AgentSideConformance {

    @Override
    protected Path pluginJar() {
        return OurPlugins.jar("scanner.system");
    }

    @Override
    protected void script(ScriptedRunner host) {
        // nothing: the readings come from the host itself
    }
}
