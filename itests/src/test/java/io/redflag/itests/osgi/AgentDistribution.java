// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;

/** The agent distribution's bundles as Pax Exam options, started in the launcher's order. */
final class AgentDistribution {

    private AgentDistribution() {}

    /**
     * Every bundle of the agent distribution: SPI Fly before SLF4J, ConfigAdmin and SCR before everything else;
     * agent-core installed but not started (no loop: the runtime as the tests drive it), plus {@code extra}.
     */
    static Option[] options(Option... extra) {
        List<Option> options = new ArrayList<>(List.of(junitBundles(), cleanCaches(), frameworkStartLevel(10),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn")));
        File[] jars = new File(System.getProperty("redflag.agent.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        Arrays.sort(jars);
        for (File jar : jars) {
            String name = jar.getName();
            int level = name.startsWith("org.apache.aries.spifly") ? 1 : name.startsWith("slf4j") ? 2
                    : name.contains("configadmin") ? 3 : name.contains("felix.scr") ? 4 : 5;
            options.add(bundle(jar.toURI().toString()).startLevel(level).start(!name.startsWith("agent-")));
        }
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }
}
