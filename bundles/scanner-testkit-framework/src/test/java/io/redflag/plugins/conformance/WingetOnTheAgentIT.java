// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;
import java.nio.file.Path;

/**
 * Our winget plug-in passes the suite on the agent's platform of a Linux build machine: active, not offered here
 * (its subsystem runs on Windows: the agent's scan command says so), and scanning the scripted host when called.
 * The host has no PowerShell WinGet module: the scanner reads winget's table.
 */
public class WingetOnTheAgentIT extends AgentSideConformance {

    @Override
    protected Path pluginJar() {
        return OurPlugins.jar("scanner.winget");
    }

    @Override
    protected void script(ScriptedRunner host) {
        String row = "%-18s%-17s%-9s%-10s%s%n";
        host.answer("winget upgrade", String.format(row, "Name", "Id", "Version", "Available", "Source")
                + "-".repeat(60) + "\n"
                + String.format(row, "Mozilla Firefox", "Mozilla.Firefox", "124.0.1", "125.0.2", "winget")
                + String.format(row, "7-Zip", "7zip.7zip", "23.01", "24.08", "winget")
                + "2 upgrades available.\n");
    }
}
