// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;

/**
 * The in-framework suites pass a well-made plug-in on both sides and fail each kind of broken one, saying why:
 * sample bundles built with bnd from {@code io.redflag.plugins.samples}, each run through the suites as a plug-in's
 * own build would run them.
 */
class TheSuiteCatchesIT {

    @TempDir
    Path dir;

    @AfterEach
    void forgetTheScript() {
        System.clearProperty(SampleOnTheAgent.TOY_LIST);
    }

    /** The suite's failures by test method, with their messages; the run's count is in the key "run". */
    private static Map<String, String> failures(Class<?> suite, Path plugin) {
        SamplePlugins.current = plugin;
        Result result = new JUnitCore().run(suite);
        Map<String, String> out = new TreeMap<>();
        for (Failure f : result.getFailures()) {
            out.put(f.getDescription().getMethodName() == null ? "class" : f.getDescription().getMethodName(),
                    String.valueOf(f.getMessage()));
        }
        assertThat(result.getRunCount()).as("tests run by " + suite.getSimpleName() + "; failures " + out).isPositive();
        return out;
    }

    private Path sample(String variant, Map<String, String> instructions) throws Exception {
        return SamplePlugins.build(dir, variant, instructions);
    }

    @Test
    void aWellMadePlugInPassesOnBothSides() throws Exception {
        Path toy = sample("toy", Map.of());
        assertThat(failures(SampleOnTheAgent.class, toy)).isEmpty();
        assertThat(failures(SampleOnTheServer.class, toy)).isEmpty();
    }

    @Test
    void aPlugInForAnotherOsPassesAndTheAgentOffersItOnlyThere() throws Exception {
        // the agent's scan command refuses it here (exit 2, "toy-windows does not run on linux"): the suite checks that
        assertThat(failures(SampleOnTheAgent.class, sample("windows", Map.of()))).isEmpty();
    }

    @Test
    void aScannerThatDoesNotWaitForTheAgentRuntimeFailsOnTheServer() throws Exception {
        Map<String, String> failed = failures(SampleOnTheServer.class, sample("eager", Map.of()));
        assertThat(failed).containsOnlyKeys("itsDescriptorIsActiveAndItsScannerIsNot");
        // on the server it waits for a CommandRunner — by chance: a server that offers one would run it
        assertThat(failed.get("itsDescriptorIsActiveAndItsScannerIsNot")).contains("io.redflag.plugins.samples.eager"
                + ".EagerScanner waits for CommandRunner but not for the agent runtime's condition (annotate it with @AgentOnly");
    }

    @Test
    void anEcosystemThePlatformAlreadyHasFails() throws Exception {
        Map<String, String> failed = failures(SampleOnTheServer.class, sample("taken", Map.of()));
        assertThat(failed.get("noOtherPlugInOfThePlatformClaimsItsEcosystems"))
                .contains("the ecosystem apt is already io.redflag.scanner.apt's");
        // the catalog, keyed by ecosystem, lists one of the two: the platform's APT, or (then this test passes) the
        // sample — which the server's upload would have refused (409) as a second bundle for one subsystem
        assertThat(failed.keySet()).isSubsetOf("noOtherPlugInOfThePlatformClaimsItsEcosystems", "theServersCatalogListsItsSubsystemsAsTheDescriptorsSay");
        if (failed.containsKey("theServersCatalogListsItsSubsystemsAsTheDescriptorsSay")) {
            assertThat(failed.get("theServersCatalogListsItsSubsystemsAsTheDescriptorsSay"))
                    .contains("apt's display name expected:<[Toy (taken])> but was:<[APT (Debian, Ubuntu])>");
        }
    }

    @Test
    void aPlugInUsingAPlatformPackageBeyondTheApiFails() throws Exception {
        Map<String, String> failed = failures(SampleOnTheAgent.class, sample("internal", Map.of()));
        assertThat(failed).containsOnlyKeys("itResolvesWithTheApiAloneWithinTheRangeItClaims");
        assertThat(failed.get("itResolvesWithTheApiAloneWithinTheRangeItClaims"))
                .contains("io.redflag.protocol is wired to io.redflag.protocol: a plug-in may use the platform's api");
    }

    @Test
    void anApiRangeWithoutACeilingFails() throws Exception {
        Map<String, String> failed = failures(SampleOnTheServer.class, sample("toy",
                Map.of("Import-Package", "io.redflag.scanner;version=\"1.2\",*")));
        assertThat(failed).containsOnlyKeys("itResolvesWithTheApiAloneWithinTheRangeItClaims");
        assertThat(failed.get("itResolvesWithTheApiAloneWithinTheRangeItClaims"))
                .contains("imports io.redflag.scanner from 1.2.0 with no ceiling");
    }

    @Test
    void aPlugInNeedingWhatThePlatformLacksFailsInTheFrameworksWords() throws Exception {
        Map<String, String> failed = failures(SampleOnTheAgent.class, sample("toy",
                Map.of("Import-Package", "com.example.missing;version=\"[1,2)\",*")));
        assertThat(failed).hasSize(5);
        assertThat(failed.values()).allSatisfy(m -> assertThat(m)
                .contains("the plug-in org.example.sample.toy does not start on the agent's platform")
                .contains("com.example.missing"));
    }

    @Test
    void aScriptUnderWhichTheScanFindsNothingProvesNothing() throws Exception {
        System.setProperty(SampleOnTheAgent.TOY_LIST, "");
        Map<String, String> failed = failures(SampleOnTheAgent.class, sample("toy", Map.of()));
        assertThat(failed).containsOnlyKeys("aScanThroughTheAgentFindsWhatTheHostShows");
        assertThat(failed.get("aScanThroughTheAgentFindsWhatTheHostShows")).contains("found nothing");
    }
}
