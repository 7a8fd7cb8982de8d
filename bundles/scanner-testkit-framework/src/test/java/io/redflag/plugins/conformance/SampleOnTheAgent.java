// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;
import java.nio.file.Path;

/** The agent-side suite over {@link SamplePlugins#current}, run by {@link TheSuiteCatchesIT} (not by failsafe itself). */
public class SampleOnTheAgent extends AgentSideConformance {

    /** System property: what {@code toy list} prints on the scripted host (the framework's copy of this class reads it). */
    static final String TOY_LIST = "sample.toy.list";
    static final String TWO_UPDATES = "curl 8.5.0 8.11.1\nzlib 1.3.0 1.3.1\n";

    @Override
    protected Path pluginJar() {
        return SamplePlugins.current;
    }

    @Override
    protected void script(ScriptedRunner host) {
        host.answer("toy list", System.getProperty(TOY_LIST, TWO_UPDATES));
    }
}
