// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent's own versions: numeric, any number of components, "v" ignored, "-suffix" a pre-release. */
class AgentVersionOrderingTest {

    private static final VersionOrdering AGENT = VersionOrderings.AGENT;

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @CsvSource(delimiter = '\t', value = {
        // numeric, not textual: "9" < "22"
        "0.1.9\t0.1.22\t-1",
        "0.9.0\t0.10.0\t-1",
        // an extra component makes a later version
        "0.1.23\t0.1.23.5\t-1",
        "0.1.23.5\t0.1.24\t-1",
        "0.1.23.0\t0.1.23\t1",
        // the "v" of a git tag does not count
        "v0.1.22\t0.1.22\t0",
        "V0.1.22\t0.1.9\t1",
        "v0.1.9\tv0.1.22\t-1",
        // leading zeros do not count
        "0.01.2\t0.1.2\t0",
        // numbers longer than a long still compare
        "0.1.99999999999999999999\t0.1.100000000000000000000\t-1",
        // a suffix after '-' is a pre-release of the plain version
        "0.2.0-rc1\t0.2.0\t-1",
        "0.2.0-rc1\t0.2.0-rc2\t-1",
        "0.2.0-rc1\t0.1.99\t1",
    })
    void ordersAgentVersions(String a, String b, int expected) {
        assertThat(Integer.signum(AGENT.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(AGENT.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void sortsAReleaseHistory() {
        List<String> versions = new ArrayList<>(List.of(
                "0.1.22", "v0.1.9", "0.1.23.5", "0.2.0", "0.1.23", "0.2.0-rc1", "0.1.10", "0.10.0"));
        versions.sort(AGENT);
        assertThat(versions).containsExactly(
                "v0.1.9", "0.1.10", "0.1.22", "0.1.23", "0.1.23.5", "0.2.0-rc1", "0.2.0", "0.10.0");
    }

    @Test
    void isTransitiveOnMixedInput() {
        // a total order must not cycle, even on odd strings
        List<String> odd = List.of("", "v", "0", "0.1", "0.1.x", "0.1.9", "x", "0.1.9-a", "1", "v1.0");
        for (String a : odd) {
            for (String b : odd) {
                for (String c : odd) {
                    if (AGENT.compare(a, b) <= 0 && AGENT.compare(b, c) <= 0) {
                        assertThat(AGENT.compare(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
                    }
                }
            }
        }
    }

    @Test
    void acceptsAnyStringWithoutThrowing() {
        assertThat(AGENT.compare(null, null)).isZero();
        assertThat(AGENT.compare(null, "0.1.0")).isNegative();
        assertThat(AGENT.compare("garbage", "garbage")).isZero();
        // surrounding blanks (a version file read with its newline) do not count
        assertThat(AGENT.compare(" 0.1.3\n", "0.1.3")).isZero();
        assertThat(AGENT.scheme()).isEqualTo("agent");
    }
}
