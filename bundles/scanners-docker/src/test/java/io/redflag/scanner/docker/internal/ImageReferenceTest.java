// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void officialImageGetsDockerHubAndLibraryPrefixAndLatest() {
        ImageReference r = ImageReference.parse("nginx");
        assertThat(r.domain()).isEqualTo("docker.io");
        assertThat(r.path()).isEqualTo("library/nginx");
        assertThat(r.tag()).isEqualTo("latest");
        assertThat(r.digest()).isNull();
        assertThat(r.registryHost()).isEqualTo("registry-1.docker.io");
        assertThat(r.familiarTagged()).isEqualTo("nginx:latest");
        assertThat(r.canonical()).isEqualTo("docker.io/library/nginx:latest");
    }

    @Test
    void userImageOnDockerHubKeepsItsPath() {
        ImageReference r = ImageReference.parse("portainer/portainer:latest");
        assertThat(r.domain()).isEqualTo("docker.io");
        assertThat(r.path()).isEqualTo("portainer/portainer");
        assertThat(r.familiarName()).isEqualTo("portainer/portainer");
    }

    @Test
    void localRegistryWithPortIsADomainNotATag() {
        ImageReference r = ImageReference.parse("localhost:5000/x");
        assertThat(r.domain()).isEqualTo("localhost:5000");
        assertThat(r.path()).isEqualTo("x");
        assertThat(r.tag()).isEqualTo("latest");
        assertThat(r.registryHost()).isEqualTo("localhost:5000");

        ImageReference tagged = ImageReference.parse("localhost:5000/team/app:1.2");
        assertThat(tagged.path()).isEqualTo("team/app");
        assertThat(tagged.tag()).isEqualTo("1.2");
    }

    @Test
    void ghcrReference() {
        ImageReference r = ImageReference.parse("ghcr.io/owner/img:tag");
        assertThat(r.domain()).isEqualTo("ghcr.io");
        assertThat(r.path()).isEqualTo("owner/img");
        assertThat(r.tag()).isEqualTo("tag");
        assertThat(r.registryHost()).isEqualTo("ghcr.io");
    }

    @Test
    void localhostWithoutPortIsADomain() {
        assertThat(ImageReference.parse("localhost/app").domain()).isEqualTo("localhost");
    }

    @Test
    void digestReferences() {
        String d = "sha256:d6cc2c20c0af38d8d557ab994c419c799a10fe825e4aa57fea2e2e507a13747d";
        ImageReference r = ImageReference.parse("portainer/portainer@" + d);
        assertThat(r.digest()).isEqualTo(d);
        assertThat(r.tag()).isNull();
        assertThat(r.canonical()).isEqualTo("docker.io/portainer/portainer@" + d);

        ImageReference both = ImageReference.parse("ghcr.io/o/i:1@" + d);
        assertThat(both.tag()).isEqualTo("1");
        assertThat(both.digest()).isEqualTo(d);
    }

    @Test
    void spellingsOfTheSameRepositoryCompareEqual() {
        ImageReference a = ImageReference.parse("nginx:1.27");
        assertThat(a.sameRepository(ImageReference.parse("docker.io/library/nginx@sha256:ab"))).isTrue();
        assertThat(a.sameRepository(ImageReference.parse("index.docker.io/library/nginx"))).isTrue();
        assertThat(a.sameRepository(ImageReference.parse("ghcr.io/library/nginx"))).isFalse();
        assertThat(ImageReference.parse("docker.io/library/nginx").canonical()).isEqualTo(a.canonical().replace("1.27", "latest"));
    }

    @Test
    void rejectsWhatIsNoReference() {
        assertThatThrownBy(() -> ImageReference.parse("<none>@<none>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("<none>:<none>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageReference.parse("nginx:")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ImageReference.parseOrNull("<none>@<none>")).isNull();
    }
}
