// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.AgentAction;
import org.junit.jupiter.api.Test;

class LocalPolicyTest {

    @Test
    void monitorAcceptsScansOnlyAllEverythingAndAListWhatItNamesPlusScans() {
        assertThat(LocalPolicy.parse("monitor").list()).containsExactly(AgentAction.SCAN);
        assertThat(LocalPolicy.parse(null).list()).as("the default").containsExactly(AgentAction.SCAN, AgentAction.DRY_RUN,
                AgentAction.INSTALL, AgentAction.BUNDLE_UPDATES, AgentAction.CORE_UPDATES);
        LocalPolicy some = LocalPolicy.parse(" Dry-Run , install ");
        assertThat(some.list()).containsExactly(AgentAction.SCAN, AgentAction.DRY_RUN, AgentAction.INSTALL);
        assertThat(some.accepts(AgentAction.BUNDLE_UPDATES)).isFalse();
        assertThat(some.describe()).isEqualTo("scan, dry-run, install");
        assertThatThrownBy(() -> LocalPolicy.parse("scan,reboot,everything")).hasMessageStartingWith(
                "--accept: unknown action 'reboot', 'everything'; use monitor, all, or");
    }
}
