// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static io.redflag.scanner.docker.internal.TestSupport.fixture;
import static io.redflag.scanner.docker.internal.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.docker.internal.EngineJson.Container;
import io.redflag.scanner.docker.internal.EngineJson.LocalImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Engine readers against the recorded answers and their hand-written .expected.json. */
class EngineJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "watchtower-image-inspect-with-repodigests",
        "watchtower-image-inspect-empty-repodigests",
        "docker-java-v1.22-image-inspect-no-repodigests",
        "docker-java-v1.25-image-inspect-windows-nanoserver"})
    void inspectMatchesExpected(String sample) throws Exception {
        JsonNode expected = json(sample + ".expected.json");
        LocalImage image = EngineJson.inspect(fixture(sample + ".json"));

        assertThat(image.id()).isEqualTo(expected.get("id").asText());
        assertThat(image.repoTags()).isEqualTo(strings(expected.get("repoTags")));
        assertThat(image.repoDigests()).isEqualTo(strings(expected.get("repoDigests")));
        assertThat(image.os()).isEqualTo(expected.get("os").asText());
        // an empty Architecture (the Windows sample) becomes null: nothing to report
        String arch = expected.get("architecture").asText();
        assertThat(image.architecture()).isEqualTo(arch.isEmpty() ? null : arch);
        ImageReference ref = ImageReference.parse(image.repoTags().get(0));
        assertThat(ImageListing.localDigests(image, ref)).isEqualTo(strings(expected.get("registryDigests")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "watchtower-containers-json", "docker-java-v1.22-containers-json", "moby-api-v1.41-containers-json-example"})
    void containersMatchExpected(String sample) throws Exception {
        JsonNode expected = json(sample + ".expected.json");
        List<Container> containers = EngineJson.containers(fixture(sample + ".json"));

        assertThat(containers).hasSize(expected.get("count").asInt());
        for (int i = 0; i < containers.size(); i++) {
            JsonNode e = expected.get("containers").get(i);
            Container c = containers.get(i);
            assertThat(c.id()).isEqualTo(e.get("id").asText());
            assertThat(c.name()).isEqualTo(e.get("name").asText());
            assertThat(c.image()).isEqualTo(e.get("image").asText());
            assertThat(c.imageId()).isEqualTo(e.get("imageId").asText());
            assertThat(c.state()).isEqualTo(e.get("state").isNull() ? null : e.get("state").asText());
            assertThat(c.status()).isEqualTo(e.get("status").asText());
        }
    }

    @Test
    void imageListMatchesExpected() throws Exception {
        JsonNode expected = json("docker-js-images-json-extracted.expected.json");
        List<LocalImage> images = EngineJson.images(fixture("docker-js-images-json-extracted.json"));

        assertThat(images).hasSize(expected.get("count").asInt());
        // dangling images lose their "<none>:<none>" tag, so they have no tag left
        assertThat(images.stream().filter(i -> i.repoTags().isEmpty() && i.repoDigests().isEmpty()).count())
                .isEqualTo(expected.get("countDangling").asLong());
        assertThat(images.stream().filter(i -> !i.repoDigests().isEmpty()).count())
                .isEqualTo(expected.get("countWithRegistryDigest").asLong());
        for (int i = 0; i < images.size(); i++) {
            assertThat(images.get(i).id()).isEqualTo(expected.get("images").get(i).get("id").asText());
        }
    }

    @Test
    void imageIdsCompareWithAndWithoutPrefix() {
        assertThat(EngineJson.normalizeId("sha256:d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82"))
                .isEqualTo("d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82");
    }

    @Test
    void rejectsWhatIsNotAnEngineAnswer() {
        // the mocha log wraps the same JSON in test-runner text: not what the engine sends
        assertThatThrownBy(() -> EngineJson.images(fixture("docker-js-mocha-log-images-json.txt")))
                .isInstanceOf(ScanException.class).hasMessageContaining("/images/json");
        assertThatThrownBy(() -> EngineJson.images("{\"message\":\"page not found\"}"))
                .isInstanceOf(ScanException.class).hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> EngineJson.containers(fixture("watchtower-image-inspect-with-repodigests.json")))
                .isInstanceOf(ScanException.class);
    }

    @Test
    void engineErrorMessageIsExtracted() {
        assertThat(EngineJson.errorMessage("{\"message\":\"No such image: x:1\"}")).isEqualTo("No such image: x:1");
        assertThat(EngineJson.errorMessage("plain text\n")).isEqualTo("plain text");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
