// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.protocol.BundleInventoryDTO;
import io.redflag.protocol.DesiredBundleDTO;
import io.redflag.protocol.DesiredStateDTO;
import io.redflag.updates.tuf.TargetInfo;
import io.redflag.updates.tuf.TufClient;
import io.redflag.updates.tuf.TufException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a runtime's bundles in line with its desired state, trusting nothing the desired state says on its own: each
 * bundle must be listed in the repository's signed metadata (TUF) under its target name, with the same length and
 * SHA-256, and with its name and version bound to those bytes; it is downloaded capped at its signed length and
 * verified before {@link InPlaceBundles} swaps it in. Bundles installed in place that the desired state no longer
 * names are removed; the runtime's own bundles never are.
 * <p>
 * Metadata that does not verify (expired, badly signed, rolled back…) blocks new bundles only: what runs keeps
 * running, nothing is removed, and the outcome asks to try again. A bundle that verified but failed to swap in is
 * not retried until the desired state changes (the same bytes would fail the same way).
 */
public final class BundleReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(BundleReconciler.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("io.redflag.security");

    /**
     * What a round did.
     *
     * @param applied  the desired-state hash now in place (all of it, or all that can be); null when a later round
     *                 must try again (metadata that did not verify, a bundle not yet listed, a failed download)
     * @param swaps    bundles that came in or changed version
     * @param removed  bundles taken out
     * @param problems what went wrong, in words for the operator
     */
    public record Outcome(String applied, List<InPlaceBundles.Swap> swaps, List<String> removed, List<String> problems) {}

    private final InPlaceBundles bundles;
    private final TufClient tuf;
    private final Path targets;

    /** @param targets the folder verified downloads are kept in (one file per target; others are deleted) */
    public BundleReconciler(InPlaceBundles bundles, TufClient tuf, Path targets) {
        this.bundles = bundles;
        this.tuf = tuf;
        this.targets = targets;
    }

    public Outcome reconcile(DesiredStateDTO desired) {
        List<InPlaceBundles.Swap> swaps = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            tuf.refresh();
        } catch (TufException e) {
            if (refusal(e)) {
                SECURITY.warn("security event: update metadata refused ({}); no bundle changes until it verifies", e.getMessage());
                problems.add("update metadata refused: " + e.getMessage());
            } else {
                problems.add("update metadata unavailable: " + e.getMessage());
            }
            return new Outcome(null, swaps, removed, problems);
        }
        boolean retry = false;
        Set<String> wanted = new HashSet<>();
        Set<Path> keep = new HashSet<>();
        for (DesiredBundleDTO b : desired.bundles == null ? List.<DesiredBundleDTO>of() : desired.bundles) {
            if (b == null || b.symbolicName == null || b.version == null || b.target == null) {
                problems.add("the desired state lists a bundle without name, version or target");
                continue;
            }
            wanted.add(b.symbolicName);
            try {
                Optional<TargetInfo> listed = tuf.targetInfo(b.target);
                if (listed.isEmpty()) {
                    problems.add(b.symbolicName + " " + b.version + ": not in the signed metadata (yet)");
                    retry = true;
                    continue;
                }
                TargetInfo info = listed.get();
                String mismatch = mismatch(b, info);
                if (mismatch != null) {
                    SECURITY.warn("security event: desired bundle {} {} refused: {}", b.symbolicName, b.version, mismatch);
                    problems.add(b.symbolicName + " " + b.version + ": " + mismatch);
                    retry = true;
                    continue;
                }
                Path jar = tuf.findCached(info, targets).orElse(null);
                if (jar == null) {
                    jar = tuf.download(info, targets);
                }
                keep.add(jar);
                InPlaceBundles.Swap swap = bundles.install(b.symbolicName, b.version, jar, info.hashes().get("sha256"));
                if (!b.version.equals(swap.previousVersion())) {
                    swaps.add(swap);
                }
            } catch (TufException e) {
                if (refusal(e)) {
                    SECURITY.warn("security event: {} {} refused by the update metadata: {}", b.symbolicName, b.version,
                            e.getMessage());
                }
                problems.add(b.symbolicName + " " + b.version + ": " + e.getMessage());
                retry = true;
            } catch (SwapException e) {
                problems.add(b.symbolicName + " " + b.version + ": " + e.getMessage());
            }
        }
        for (BundleInventoryDTO d : bundles.inventory()) {
            if (!d.base && !wanted.contains(d.symbolicName)) { // a failed one is forgotten as well
                try {
                    if (bundles.remove(d.symbolicName)) {
                        removed.add(d.symbolicName + " " + d.version);
                    }
                } catch (SwapException e) {
                    problems.add(d.symbolicName + ": " + e.getMessage());
                }
            }
        }
        forgetDownloadsBut(keep);
        if (!problems.isEmpty()) {
            LOG.warn("desired state {}: {}", desired.hash, String.join("; ", problems));
        }
        return new Outcome(retry ? null : desired.hash, swaps, removed, problems);
    }

    /** Whether the metadata was refused (a security event), not merely unavailable (the network, the disk). */
    private static boolean refusal(TufException e) {
        return switch (e.reason()) {
            case FETCH_FAILED, STORAGE_FAILED, METADATA_NOT_FOUND, TARGET_NOT_FOUND -> false;
            default -> true;
        };
    }

    /** Why the signed metadata does not vouch for what the desired state asks; null when it does. */
    private static String mismatch(DesiredBundleDTO b, TargetInfo info) {
        String sha = info.hashes().get("sha256");
        if (sha == null) {
            return "the signed metadata gives no SHA-256 for " + b.target;
        }
        if (b.sha256 != null && !sha.equals(b.sha256) || b.length > 0 && b.length != info.length()) {
            return "the desired state's bytes (sha256 " + b.sha256 + ", " + b.length + " bytes) are not the signed ones (sha256 "
                    + sha + ", " + info.length() + " bytes)";
        }
        JsonNode custom = info.custom().orElse(null);
        if (custom == null || !b.symbolicName.equals(custom.path("symbolicName").asText())
                || !b.version.equals(custom.path("version").asText())) {
            return "the signed metadata does not name " + b.target + " " + b.symbolicName + " " + b.version;
        }
        return null;
    }

    private void forgetDownloadsBut(Set<Path> keep) {
        if (!Files.isDirectory(targets)) {
            return;
        }
        try (var files = Files.list(targets)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!keep.contains(f) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not tidy {}: {}", targets, e.getMessage());
        }
    }
}
