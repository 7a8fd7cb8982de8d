// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.docker.internal.EngineJson.Container;
import io.redflag.scanner.docker.internal.EngineJson.LocalImage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs image updates by pulling their tags. Pulling replaces what the tag points at but leaves running
 * containers on the image they were created from, so afterwards the containers still on a replaced image
 * are listed for the operator: recreating them is a deployment decision this plug-in does not make.
 */
final class ImagePuller {

    /** Output kept in the result; the platform may trim further. */
    /** There is no process: 0 when every pull worked, 1 otherwise. */
    static final int EXIT_FAILED = 1;

    private final DockerEngine engine;

    ImagePuller(DockerEngine engine) {
        this.engine = engine;
    }

    InstallResultDTO install(List<String> ids, Instant deadline) {
        InstallResultDTO result = new InstallResultDTO();
        List<String> output = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> replaced = new LinkedHashMap<>();  // old image id (no "sha256:") → tag
        for (String id : ids) {
            output.add("== pull " + id);
            try {
                ImageReference ref = ImageReference.parse(id);
                String name = ref.digest() != null ? id : ref.familiarTagged();
                Optional<LocalImage> before = engine.inspect(name, deadline);
                if (before.isEmpty()) {
                    // only update what is here; pulling an unknown tag would install something nobody approved
                    fail(id, "no such image on this host", failures, output);
                    continue;
                }
                PullStream.Outcome outcome = engine.pull(ref, deadline);
                output.addAll(outcome.summary());
                if (outcome.failed()) {
                    fail(id, String.join("; ", outcome.errors()), failures, output);
                    continue;
                }
                result.installed.add(id);
                Optional<LocalImage> after = engine.inspect(name, deadline);
                if (after.isPresent() && !after.get().id().equals(before.get().id())) {
                    replaced.put(EngineJson.normalizeId(before.get().id()), id);
                }
            } catch (IllegalArgumentException | IOException | ScanException e) {
                fail(id, e.getMessage(), failures, output);
            }
        }
        List<String> stale = new ArrayList<>();
        if (!replaced.isEmpty()) {
            try {
                stale = staleContainers(engine.containers(deadline), replaced);
            } catch (IOException | ScanException e) {
                output.add("could not list containers: " + e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            output.add("== containers still running the old image");
            output.addAll(stale);
        }
        result.success = failures.isEmpty();
        result.exitCode = result.success ? 0 : EXIT_FAILED;
        result.message = message(ids.size(), result.installed.size(), stale, failures);
        result.output = InstallResultDTO.excerpt(String.join("\n", output));
        return result;
    }

    /**
     * Containers (running or not) created from an image that a pull replaced, as
     * "name (short id, state) on tag". Ids compare without the "sha256:" prefix, which some API versions omit.
     */
    static List<String> staleContainers(List<Container> containers, Map<String, String> replacedImageIds) {
        List<String> stale = new ArrayList<>();
        for (Container c : containers) {
            String tag = replacedImageIds.get(EngineJson.normalizeId(c.imageId()));
            if (tag != null) {
                String shortId = c.id() == null ? "?" : c.id().substring(0, Math.min(12, c.id().length()));
                String state = c.state() != null ? c.state() : c.status();
                stale.add(c.name() + " (" + shortId + (state == null ? "" : ", " + state) + ") on " + tag);
            }
        }
        return stale;
    }

    private static void fail(String id, String why, List<String> failures, List<String> output) {
        failures.add(id + ": " + why);
        output.add("failed: " + why);
    }

    private static String message(int requested, int pulled, List<String> stale, List<String> failures) {
        StringBuilder m = new StringBuilder("pulled ").append(pulled).append(" of ").append(requested).append(" image(s)");
        if (!stale.isEmpty()) {
            m.append("; ").append(stale.size()).append(" container(s) still run the old image, recreate them to use the update: ")
                    .append(String.join(", ", stale));
        }
        if (!failures.isEmpty()) {
            m.append("; failed: ").append(String.join("; ", failures));
        }
        return m.toString();
    }
}
