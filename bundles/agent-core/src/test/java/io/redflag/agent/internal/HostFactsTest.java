// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {

    @TempDir
    Path a;

    @TempDir
    Path b;

    @Test
    void anInstanceIdIsKeptInTheDataFolderSticksAndDiffersPerFolderWhileTheOsIdIsSharedAndNeverSentRaw() throws Exception {
        String os = HostFacts.detect(a).machineId();
        assertThat(os).as("hashed, 40 hex").matches("[0-9a-f]{40}");
        assertThat(HostFacts.detect(b).machineId()).as("same host, same OS id").isEqualTo(os);
        if (Files.isReadable(Path.of("/etc/machine-id"))) {
            assertThat(os).doesNotContain(Files.readString(Path.of("/etc/machine-id")).trim());
            assertThat(a.resolve("machine-id")).as("the OS id is used; nothing kept").doesNotExist();
        }

        String instanceA = HostFacts.detect(a, true).machineId();
        String instanceB = HostFacts.detect(b, true).machineId();
        assertThat(instanceA).isNotEqualTo(instanceB).isNotEqualTo(os);
        assertThat(a.resolve("machine-id")).exists();
        assertThat(HostFacts.detect(a, true).machineId()).as("stable across starts").isEqualTo(instanceA);
        assertThat(HostFacts.detect(a).machineId()).as("an identity never changes under an agent").isEqualTo(instanceA);
    }
}
