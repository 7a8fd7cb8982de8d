// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

/**
 * An image reference split the way the Docker distribution library does ({@code reference.ParseNormalizedNamed}):
 * the first path component is a registry domain only if it contains a '.' or a ':' or is {@code localhost};
 * otherwise the image lives on Docker Hub, where single-component names get the {@code library/} prefix.
 *
 * @param domain registry domain as written ("docker.io", "ghcr.io", "localhost:5000")
 * @param path repository path on that registry ("library/nginx", "owner/img")
 * @param tag the tag; "latest" when neither a tag nor a digest was given; null for a digest-only reference
 * @param digest "sha256:…" when the reference pins a digest, else null
 * @param familiarName the repository as the user wrote it, without tag or digest ("nginx", "ghcr.io/owner/img")
 */
record ImageReference(String domain, String path, String tag, String digest, String familiarName) {

    static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's registry API host; "docker.io" itself does not serve /v2/. */
    static final String DOCKER_HUB_REGISTRY = "registry-1.docker.io";

    /**
     * Parses {@code nginx}, {@code nginx:1.27}, {@code localhost:5000/x}, {@code ghcr.io/owner/img:tag},
     * {@code repo@sha256:…}.
     *
     * @throws IllegalArgumentException when the text is no image reference ("&lt;none&gt;@&lt;none&gt;", blanks)
     */
    static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank() || reference.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not an image reference: '" + reference + "'");
        }
        String s = reference;
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
            int colon = digest.indexOf(':');
            if (colon <= 0 || colon == digest.length() - 1) {
                throw new IllegalArgumentException("not a digest in '" + reference + "'");
            }
        }
        String tag = null;
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            // a ':' after the last '/' starts the tag; one before it belongs to "host:port"
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("empty tag in '" + reference + "'");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        if (s.isEmpty() || s.startsWith("/") || s.endsWith("/") || s.contains("<")) {
            throw new IllegalArgumentException("not an image reference: '" + reference + "'");
        }
        String domain;
        String path;
        int slash = s.indexOf('/');
        String first = slash < 0 ? "" : s.substring(0, slash);
        if (slash < 0 || !(first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            domain = DOCKER_HUB;
            path = s;
        } else {
            domain = first.equals("index.docker.io") ? DOCKER_HUB : first;
            path = s.substring(slash + 1);
        }
        if (domain.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;  // official images
        }
        return new ImageReference(domain, path, tag, digest, s);
    }

    /** Parses like {@link #parse(String)} but returns null for text that is no reference. */
    static ImageReference parseOrNull(String reference) {
        try {
            return parse(reference);
        } catch (IllegalArgumentException e) {
            return null;  // dangling "<none>:<none>" entries and the like: callers skip them
        }
    }

    /** The host whose /v2/ API serves this repository. */
    String registryHost() {
        return DOCKER_HUB.equals(domain) ? DOCKER_HUB_REGISTRY : domain;
    }

    /** "docker.io/library/nginx": equal for every spelling of the same repository. */
    String canonicalRepository() {
        return domain + "/" + path;
    }

    /** True when both name the same repository, however they were spelled. */
    boolean sameRepository(ImageReference other) {
        return other != null && canonicalRepository().equals(other.canonicalRepository());
    }

    /** "docker.io/library/nginx:latest" (or "…@sha256:…"): a key for caches and comparisons. */
    String canonical() {
        return canonicalRepository() + (digest != null ? "@" + digest : ":" + tag);
    }

    /** The familiar "repo:tag" form the engine uses in RepoTags ("nginx:latest"). */
    String familiarTagged() {
        return familiarName + ":" + tag;
    }
}
