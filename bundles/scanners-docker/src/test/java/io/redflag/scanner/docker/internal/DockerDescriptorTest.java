// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.fixture;
import static io.redflag.scanner.docker.internal.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerDescriptorTest {

    private final DockerDescriptor descriptor = new DockerDescriptor();

    @Test
    void describesTheSubsystem() {
        assertThat(descriptor.defaultConfiguration()).containsEntry("socket.path", "/var/run/docker.sock");
        assertThat(descriptor.versionOrdering().scheme()).isEqualTo("digest");
        assertThat(descriptor.versionOrdering().compare("sha256:aa", "sha256:aa")).isZero();
        assertThat(descriptor.versionOrdering().compare("sha256:aa", "sha256:bb")).isNotZero();
    }

    /** One entry per tag of the 68 recorded images, built from the hand-written expectations. */
    @Test
    void scanOutputListsEveryTagWithItsLocalDigestAndNoAvailableVersion() throws Exception {
        JsonNode expected = json("docker-js-images-json-extracted.expected.json");
        List<String> wanted = new ArrayList<>();
        for (JsonNode image : expected.get("images")) {
            if (image.get("dangling").asBoolean() || image.get("repoTags").isNull()) {
                continue;
            }
            for (JsonNode tag : image.get("repoTags")) {
                JsonNode digests = image.get("registryDigests");
                wanted.add(tag.asText() + " " + (digests.isEmpty() ? null : digests.get(0).asText()));
            }
        }

        List<PackageUpdateDTO> entries = descriptor.parseScanOutput(fixture("docker-js-images-json-extracted.json"));

        assertThat(entries).extracting(u -> u.id + " " + u.installedVersion).containsExactlyElementsOf(wanted);
        assertThat(entries).allSatisfy(u -> assertThat(u.availableVersion).isNull());
        PackageUpdateDTO mysql = entries.stream().filter(u -> u.id.equals("mysql:latest")).findFirst().orElseThrow();
        assertThat(mysql.name).isEqualTo("mysql");
        assertThat(mysql.source).isEqualTo("registry-1.docker.io");
        assertThat(mysql.installedVersion)
                .isEqualTo("sha256:b39e58483853ecd03160f9bfdc8d3ecb0be9071fdbbe5484d6a115677b62c84e");
    }

    @Test
    void scanOutputRejectsTheMochaLogAndAcceptsAnEmptyList() throws Exception {
        assertThatThrownBy(() -> descriptor.parseScanOutput(fixture("docker-js-mocha-log-images-json.txt")))
                .isInstanceOf(ScanException.class);
        assertThat(descriptor.parseScanOutput("[]")).isEmpty();
    }

    @Test
    void dryRunOutputIsThePlanAPullCarriedOut() throws Exception {
        TransactionPlanDTO plan = descriptor.parseDryRunOutput(fixture("moby-effect-pull-hello-world.jsonl"));

        assertThat(plan.requested).containsExactly("hello-world:latest");
        assertThat(plan.changes).hasSize(1);
        PackageChangeDTO c = plan.changes.get(0);
        assertThat(c.action).isEqualTo(ChangeAction.UPGRADE);
        assertThat(c.name).isEqualTo("hello-world:latest");
        assertThat(c.fromVersion).isNull();
        assertThat(c.toVersion).isEqualTo("sha256:c79d06dfdfd3d3eb04cafd0dc2bacab0992ebc243e083cabe208bac4dd7759e0");
        assertThat(c.source).isEqualTo("registry-1.docker.io");
        assertThat(plan.hash).isNull();
    }

    @Test
    void dryRunOutputWithAnErrorHasNoChangeButANote() throws Exception {
        TransactionPlanDTO plan = descriptor.parseDryRunOutput(PullStreamTest.RATE_LIMITED_STREAM);
        assertThat(plan.changes).isEmpty();
        assertThat(plan.notes).containsExactly("error: toomanyrequests: You have reached your pull rate limit.");
        assertThatThrownBy(() -> descriptor.parseDryRunOutput("Inst libc6 [2.36-9] (2.36-9+deb12u4 Debian:12.5)"))
                .isInstanceOf(ScanException.class);
    }
}
