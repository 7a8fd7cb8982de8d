// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the progress stream of POST /images/create: one JSON object per line, for example
 * <pre>
 * {"status":"Pulling from library/hello-world","id":"latest"}
 * {"status":"Pull complete","progressDetail":{},"id":"719385e32844"}
 * {"status":"Digest: sha256:c79d…"}
 * {"status":"Status: Downloaded newer image for hello-world:latest"}
 * </pre>
 * A failed pull still answers HTTP 200 and reports the failure in a line
 * {@code {"errorDetail":{"message":"…"},"error":"…"}}, so a pull succeeded only if no such line came.
 */
final class PullStream {

    /**
     * What one pull did.
     *
     * @param reference the "repo:tag" named in the final Status line, or null
     * @param digest the manifest digest from the "Digest:" line, or null
     * @param summary the lines worth showing an operator (layer progress left out)
     */
    record Outcome(String reference, String digest, boolean downloadedNewer, boolean upToDate,
                   List<String> errors, List<String> summary) {
        boolean failed() {
            return !errors.isEmpty();
        }
    }

    private static final String NEWER = "Status: Downloaded newer image for ";
    private static final String UP_TO_DATE = "Status: Image is up to date for ";
    private static final String DIGEST = "Digest: ";

    private PullStream() {}

    /**
     * Parses a whole stream. Objects may be separated by LF, CR LF (older engines) or nothing.
     *
     * @throws ScanException if the text is not a stream of JSON objects
     */
    static Outcome parse(String stream) throws ScanException {
        String reference = null;
        String digest = null;
        boolean newer = false;
        boolean upToDate = false;
        List<String> errors = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        // a plain parser over root values: ObjectReader.readValues would unwrap a root array into its elements
        try (JsonParser parser = EngineJson.MAPPER.createParser(stream)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new ScanException("not a docker pull progress stream: found " + token + ", not an object");
                }
                JsonNode line = EngineJson.MAPPER.readTree(parser);
                if (line.hasNonNull("error")) {
                    String error = line.get("error").asText();
                    errors.add(error);
                    summary.add("error: " + error);
                    continue;
                }
                String status = line.path("status").asText("");
                if (status.startsWith(NEWER)) {
                    newer = true;
                    reference = status.substring(NEWER.length()).trim();
                } else if (status.startsWith(UP_TO_DATE)) {
                    upToDate = true;
                    reference = status.substring(UP_TO_DATE.length()).trim();
                } else if (status.startsWith(DIGEST)) {
                    digest = status.substring(DIGEST.length()).trim();
                }
                // per-layer lines carry progressDetail (even "Pull complete" has an empty one): noise for people
                if (!status.isEmpty() && !line.has("progressDetail")) {
                    summary.add(line.hasNonNull("id") ? line.get("id").asText() + ": " + status : status);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ScanException("not a docker pull progress stream: " + e.getMessage(), e);
        }
        return new Outcome(reference, digest, newer, upToDate, List.copyOf(errors), List.copyOf(summary));
    }

    /**
     * The plan a pull stream records: an UPGRADE of the reference to the pulled digest when the engine
     * downloaded a newer image. The stream does not name the digest the host had before, so
     * fromVersion stays null; "up to date" and errors become notes.
     */
    static TransactionPlanDTO toPlan(Outcome outcome) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        if (outcome.reference() != null) {
            plan.requested.add(outcome.reference());
        }
        if (outcome.downloadedNewer() && outcome.reference() != null) {
            PackageChangeDTO change = PackageChangeDTO.of(ChangeAction.UPGRADE, outcome.reference(), null,
                    outcome.digest());
            ImageReference ref = ImageReference.parseOrNull(outcome.reference());
            change.source = ref == null ? null : ref.registryHost();
            plan.changes.add(change);
        }
        if (outcome.upToDate()) {
            plan.notes.add(outcome.reference() + " is up to date");
        }
        outcome.errors().forEach(e -> plan.notes.add("error: " + e));
        return plan;
    }
}
