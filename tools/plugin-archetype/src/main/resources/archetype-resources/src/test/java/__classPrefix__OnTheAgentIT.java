package ${package};

import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScriptedRunner;
import io.redflag.scanner.testkit.framework.AgentSideConformance;

/**
 * The built bundle among the RedFlag agent's own bundles, in a real framework (Felix, by Pax Exam): it resolves with
 * the api alone, its scanner joins the agent's runtime with this scripted host, a scan through the agent finds what
 * the host shows, and it survives being stopped and started (the agent swaps plug-ins in place). Run by failsafe,
 * after the jar is built.
 */
public class ${classPrefix}OnTheAgentIT extends AgentSideConformance {

    /** What the host's tools answer: enough for a scan to find updates. Runs inside the framework. */
    @Override
    protected void script(ScriptedRunner host) {
        host.answer("${tool} list-upgrades", Fixtures.text("${ecosystem}/list-upgrades.txt"));
    }
}
