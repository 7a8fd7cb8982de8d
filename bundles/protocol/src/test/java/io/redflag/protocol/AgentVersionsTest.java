// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentVersionsTest {

    @Test
    void versionsSortAsReleasesDo() {
        List<String> ordered = List.of("0.1.0-SNAPSHOT", "0.1.0", "0.1.1", "0.2.0-rc1", "0.2.0-rc2", "0.2.0", "0.10.0", "1.0");
        List<String> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(AgentVersions::compare);
        assertThat(shuffled).containsExactlyElementsOf(ordered);
    }

    @Test
    void equalVersionsBuildMetadataAndNulls() {
        assertThat(AgentVersions.compare("1.0", "1.0.0")).isZero();
        assertThat(AgentVersions.compare("1.0.0+abc", "1.0.0+def")).isZero();
        assertThat(AgentVersions.compare("0.1.0", null)).isPositive();
        assertThat(AgentVersions.compare(null, "0.1.0")).isNegative();
        assertThat(AgentVersions.compare("1.0.0", "0.99999999999")).isPositive();
    }
}
