// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;

/**
 * The built bundle among the RedFlag agent's own bundles, in a real framework (RedFlag's test kit, Pax Exam): it
 * resolves with the api alone, its scanner joins the agent's runtime with a host scripted from the captures, a scan
 * through the agent finds Hello's and Clock's updates, and it survives being stopped and started.
 */
public class FlatpakOnTheAgentIT extends AgentSideConformance {

    /** The scene after version 2 was published, whatever installation the scanner's defaults name. */
    @Override
    protected void script(ScriptedRunner host) {
        host.answer("flatpak update", Captures.result("v2-appstream"))
                .answer("flatpak list", Captures.result("v2-list"))
                .answer("flatpak remotes", Captures.result("v1-remotes"))
                .answer("flatpak remote-ls", Captures.result("v2-updates"));
    }
}
