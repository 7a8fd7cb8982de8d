// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redflag.scanner.ScanException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure readers of Docker Engine API answers: GET /images/json, GET /images/{id}/json and
 * GET /containers/json. They read only the fields the scanner needs and tolerate the rest, because
 * those answers grew fields over API versions 1.22 to 1.4x (SharedSize, Containers = -1, Labels null…).
 */
final class EngineJson {

    /** A fresh mapper per use site would be wasteful; ObjectMapper is thread-safe once configured. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EngineJson() {}

    /**
     * One local image.
     *
     * @param id "sha256:…" image id (the config digest, NOT a registry digest)
     * @param repoTags "repo:tag" names; never null, "&lt;none&gt;:&lt;none&gt;" already removed
     * @param repoDigests "repo@sha256:…" manifest digests recorded when the image was pulled; never null
     * @param architecture from image inspect; null when the listing does not say or it is empty
     */
    record LocalImage(String id, List<String> repoTags, List<String> repoDigests, String architecture, String os) {}

    /** One container from GET /containers/json; {@code imageId} as the engine wrote it. */
    record Container(String id, String name, String image, String imageId, String state, String status) {}

    static JsonNode parse(String json, String what) throws ScanException {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScanException("not a Docker Engine " + what + " answer: " + e.getOriginalMessage(), e);
        }
    }

    /** GET /images/json: a JSON array of image summaries. */
    static List<LocalImage> images(String json) throws ScanException {
        JsonNode root = parse(json, "GET /images/json");
        if (root == null || !root.isArray()) {
            throw new ScanException("not a Docker Engine GET /images/json answer: expected a JSON array");
        }
        List<LocalImage> images = new ArrayList<>();
        for (JsonNode n : root) {
            if (!n.isObject() || !n.hasNonNull("Id")) {
                throw new ScanException("not a Docker Engine GET /images/json answer: an entry has no Id");
            }
            images.add(image(n));
        }
        return images;
    }

    /** GET /images/{id}/json: one image object. */
    static LocalImage inspect(String json) throws ScanException {
        JsonNode root = parse(json, "GET /images/{id}/json");
        if (root == null || !root.isObject() || !root.hasNonNull("Id")) {
            throw new ScanException("not a Docker Engine image inspect answer: no Id");
        }
        return image(root);
    }

    /** GET /containers/json: a JSON array of container summaries. */
    static List<Container> containers(String json) throws ScanException {
        JsonNode root = parse(json, "GET /containers/json");
        if (root == null || !root.isArray()) {
            throw new ScanException("not a Docker Engine GET /containers/json answer: expected a JSON array");
        }
        List<Container> containers = new ArrayList<>();
        for (JsonNode n : root) {
            List<String> names = strings(n.get("Names"));
            // the engine prefixes names with "/" (the legacy link namespace); people never write it
            String name = names.isEmpty() ? text(n, "Id") : names.get(0).replaceFirst("^/", "");
            containers.add(new Container(text(n, "Id"), name, text(n, "Image"), text(n, "ImageID"),
                    text(n, "State"), text(n, "Status")));
        }
        return containers;
    }

    /** Image ids with and without the "sha256:" prefix (the v1.41 docs example omits it) compare equal. */
    static String normalizeId(String id) {
        if (id == null) {
            return null;
        }
        return id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    }

    /** The engine's message from an error answer ({"message":"No such image: …"}), else the raw text. */
    static String errorMessage(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through to the raw text, which is still the best explanation there is
        }
        String trimmed = body == null ? "" : body.strip();
        return trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed;
    }

    private static LocalImage image(JsonNode n) {
        List<String> tags = new ArrayList<>(strings(n.get("RepoTags")));
        tags.remove("<none>:<none>");
        List<String> digests = new ArrayList<>(strings(n.get("RepoDigests")));
        digests.remove("<none>@<none>");
        String arch = text(n, "Architecture");
        return new LocalImage(text(n, "Id"), List.copyOf(tags), List.copyOf(digests),
                arch == null || arch.isEmpty() ? null : arch, text(n, "Os"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> {
                if (e.isTextual()) {
                    out.add(e.asText());
                }
            });
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
