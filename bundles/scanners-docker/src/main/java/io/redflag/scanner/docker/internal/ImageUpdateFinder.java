// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.docker.internal.EngineJson.LocalImage;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares each local tag with its registry: an update exists when the digest the registry serves for the
 * tag is not among the image's RepoDigests for that repository. Images without RepoDigests (built locally,
 * loaded from a tarball, never pulled) cannot be compared and only get a note.
 */
final class ImageUpdateFinder {

    private final DockerEngine engine;
    private final RegistryClient registry;
    /** The engine's insecure registries, asked once, before the first registry look-up. */
    private InsecureRegistries engineInsecure;
    /** Per registry domain: may it be asked over plain HTTP, as the engine would? */
    private final Map<String, Boolean> plainHttp = new HashMap<>();

    ImageUpdateFinder(DockerEngine engine, RegistryClient registry) {
        this.engine = engine;
        this.registry = registry;
    }

    /** One local tag with what the engine knows about it. */
    private record LocalTag(String tag, ImageReference ref, LocalImage image, List<String> digests) {}

    /**
     * Checks every tag. Registry failures (rate limit, auth) are notes of a PARTIAL report, or a FAILED one
     * when no look-up worked; never updates.
     */
    ScanReportDTO scan(Instant deadline) throws IOException, ScanException {
        ScanReportDTO report = new ScanReportDTO();
        int asked = 0;
        int failed = 0;
        String firstFailure = null;
        for (LocalTag local : localTags(null, deadline).values()) {
            if (local.digests().isEmpty()) {
                report.notes.add(notComparable(local.tag()));
                continue;
            }
            asked++;
            RegistryClient.Answer answer = Instant.now().isBefore(deadline) ? lookUp(local.ref(), deadline)
                    : RegistryClient.Answer.failed(RegistryClient.Problem.FAILED, local.tag() + ": not checked, the scan deadline passed");
            if (!answer.ok()) {
                failed++;
                firstFailure = firstFailure == null ? answer.message() : firstFailure;
                report.notes.add(answer.message());
            } else if (!local.digests().contains(answer.digest())) {
                report.updates.add(ImageListing.entry(local.image(), local.tag(), local.ref(),
                        local.digests().get(0), answer.digest()));
            }
        }
        if (failed > 0 && failed == asked) {
            report.status = ScanStatus.FAILED;
            report.message = "no registry look-up succeeded (" + failed + " failed); first: " + firstFailure;
        } else if (failed > 0) {
            report.status = ScanStatus.PARTIAL;
            report.message = failed + " of " + asked + " registry look-ups failed; see the notes";
        }
        return report;
    }

    /**
     * The plan for pulling {@code ids}: an UPGRADE of each tag from its local digest to the registry's.
     * Tags already current, missing on this host or not comparable become notes.
     *
     * @throws ScanException if an id is no image reference or the registry cannot say what would be pulled
     */
    TransactionPlanDTO plan(List<String> ids, Instant deadline) throws IOException, ScanException {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.requested.addAll(ids);
        Map<String, ImageReference> wanted = new LinkedHashMap<>();
        for (String id : ids) {
            ImageReference ref = ImageReference.parseOrNull(id);
            if (ref == null) {
                throw new ScanException("not an image reference: '" + id + "'");
            }
            if (ref.digest() != null) {
                plan.notes.add(id + ": pinned to a digest; pulling it cannot change it");
                continue;
            }
            wanted.put(ref.canonical(), ref);
        }
        Map<String, LocalTag> locals = localTags(wanted, deadline);
        for (Map.Entry<String, ImageReference> w : wanted.entrySet()) {
            LocalTag local = locals.get(w.getKey());
            if (local == null) {
                plan.notes.add(w.getValue().familiarTagged() + ": no such image on this host");
            } else if (local.digests().isEmpty()) {
                plan.notes.add(notComparable(local.tag()));
            } else {
                RegistryClient.Answer answer = lookUp(local.ref(), deadline);
                if (!answer.ok()) {
                    throw new ScanException("cannot plan the pull: " + answer.message());
                }
                if (local.digests().contains(answer.digest())) {
                    plan.notes.add(local.tag() + " is up to date");
                } else {
                    PackageChangeDTO change = PackageChangeDTO.of(ChangeAction.UPGRADE, local.tag(),
                            local.digests().get(0), answer.digest());
                    change.architecture = local.image().architecture();
                    change.source = local.ref().registryHost();
                    plan.changes.add(change);
                }
            }
        }
        return plan;
    }

    /**
     * The registry's digest for the tag. A registry the engine treats as insecure (its insecure-registries,
     * and 127.0.0.0/8 by default) may be asked over plain HTTP, as the engine pulls from it: otherwise a registry
     * on loopback, which the engine uses without any setting, could not be checked without registry.insecure.hosts.
     */
    private RegistryClient.Answer lookUp(ImageReference ref, Instant deadline) throws IOException {
        if (engineInsecure == null) {
            engineInsecure = engine.insecureRegistries(deadline);
        }
        boolean insecure = plainHttp.computeIfAbsent(ref.domain(), engineInsecure::includes);
        return registry.digest(ref, deadline, insecure);
    }

    /**
     * Local tags keyed by canonical reference, from GET /images/json plus one inspect per image. With
     * {@code only} given, just the images carrying one of those references are inspected.
     */
    private Map<String, LocalTag> localTags(Map<String, ImageReference> only, Instant deadline)
            throws IOException, ScanException {
        Map<String, LocalTag> tags = new LinkedHashMap<>();
        Map<String, Optional<LocalImage>> inspected = new HashMap<>();
        for (LocalImage summary : engine.images(deadline)) {
            for (String tag : summary.repoTags()) {
                ImageReference ref = ImageReference.parseOrNull(tag);
                if (ref == null || (only != null && !only.containsKey(ref.canonical()))) {
                    continue;
                }
                // inspect for RepoDigests and Architecture; an image removed meanwhile is simply gone
                Optional<LocalImage> image = inspected.get(summary.id());
                if (image == null) {
                    image = engine.inspect(summary.id(), deadline);
                    inspected.put(summary.id(), image);
                }
                image.ifPresent(i -> tags.put(ref.canonical(), new LocalTag(tag, ref, i, ImageListing.localDigests(i, ref))));
            }
        }
        return tags;
    }

    private static String notComparable(String tag) {
        return tag + ": no registry digest (built locally or never pulled); not compared";
    }
}
