// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.docker.internal.EngineJson.LocalImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns local images into update entries: one per repo tag, identified by the tag ("nginx:latest"). Without a
 * registry answer (the agent's {@code parse docker} command) the available version stays null, so the entries
 * show what the engine has, not what is pending.
 */
final class ImageListing {

    private ImageListing() {}

    /** Every tag of every image, in the engine's order; dangling images have no tag and are left out. */
    static List<PackageUpdateDTO> of(List<LocalImage> images) {
        List<PackageUpdateDTO> entries = new ArrayList<>();
        for (LocalImage image : images) {
            for (String tag : image.repoTags()) {
                ImageReference ref = ImageReference.parseOrNull(tag);
                if (ref != null) {
                    List<String> digests = localDigests(image, ref);
                    entries.add(entry(image, tag, ref, digests.isEmpty() ? null : digests.get(0), null));
                }
            }
        }
        return entries;
    }

    /**
     * An entry for one tag.
     *
     * @param installed the local manifest digest, or null when the image has none for that repository
     * @param available the registry's digest for the tag, or null when not asked
     */
    static PackageUpdateDTO entry(LocalImage image, String tag, ImageReference ref, String installed, String available) {
        PackageUpdateDTO u = new PackageUpdateDTO();
        u.id = tag;
        u.name = ref.familiarName();
        u.installedVersion = installed;
        u.availableVersion = available;
        u.source = ref.registryHost();
        u.architecture = image.architecture();
        return u;
    }

    /**
     * The manifest digests the engine recorded for {@code ref}'s repository ("nginx@sha256:…" → "sha256:…").
     * An image tagged into several repositories has one entry per repository; only the matching ones count,
     * and the image id is never one of them (it is the config digest, which no registry reports for a tag).
     */
    static List<String> localDigests(LocalImage image, ImageReference ref) {
        List<String> digests = new ArrayList<>();
        for (String repoDigest : image.repoDigests()) {
            ImageReference pinned = ImageReference.parseOrNull(repoDigest);
            if (pinned != null && pinned.digest() != null && pinned.sameRepository(ref)) {
                digests.add(pinned.digest());
            }
        }
        return digests;
    }
}
