// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.DesiredStateDTO;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.protocol.Routes;
import io.redflag.signing.SignatureException;
import io.redflag.signing.SignatureVerifier;
import io.redflag.updates.BundleReconciler;
import io.redflag.updates.InPlaceBundles;
import io.redflag.updates.tuf.Fetcher;
import io.redflag.updates.tuf.TufClient;
import io.redflag.updates.tuf.TufException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the update pipeline: its trusted TUF metadata in {@code <data>/updates/metadata}, verified
 * downloads in {@code <data>/updates/targets}, and a {@link BundleReconciler} over the runtime's
 * {@link InPlaceBundles}. The first TUF root is taken only with the pinned server key's signature over it; every
 * later one is checked by TUF's own chain.
 */
final class AgentUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(AgentUpdates.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("io.redflag.security");

    private final Path metadata;
    private final Path targets;
    private final ServerClient client;
    private final SignatureVerifier verifier;
    private final InPlaceBundles bundles;
    private final Supplier<AgentState> state;

    AgentUpdates(Path dataDir, ServerClient client, SignatureVerifier verifier, InPlaceBundles bundles,
            Supplier<AgentState> state) {
        this.metadata = dataDir.resolve("updates").resolve("metadata");
        this.targets = dataDir.resolve("updates").resolve("targets");
        this.client = client;
        this.verifier = verifier;
        this.bundles = bundles;
        this.state = state;
    }

    InPlaceBundles bundles() {
        return bundles;
    }

    /**
     * Fetches the desired state and brings it in.
     *
     * @return what happened; {@code applied} null when the next check-in should try again
     */
    BundleReconciler.Outcome reconcile() throws IOException, InterruptedException {
        AgentState s = state.get();
        DesiredStateDTO desired = client.get(Routes.desiredState(s.agentId), s.accessToken, DesiredStateDTO.class);
        trustRoot(s);
        TufClient tuf = TufClient.builder(metadata, fetcher()).build();
        BundleReconciler.Outcome outcome = new BundleReconciler(bundles, tuf, targets).reconcile(desired);
        for (var swap : outcome.swaps()) {
            LOG.info("bundle {} {} in place in {} ms{}", swap.symbolicName(), swap.version(), swap.millis(),
                    swap.previousVersion() == null ? "" : " (was " + swap.previousVersion() + ")");
        }
        outcome.removed().forEach(r -> LOG.info("bundle {} removed: no longer wanted", r));
        return outcome;
    }

    /**
     * Downloads a core release through the signed metadata: the target {@code cores/PLATFORM/VERSION/redflag-agent.jar}
     * must be listed by the repository's own targets role (never a publisher's) with that platform and version in its
     * custom fields; the file is read no further than its signed length and kept only if its hashes match.
     *
     * @return the verified file and its SHA-256
     */
    VerifiedCore fetchCore(String platform, String version) throws IOException, InterruptedException {
        AgentState s = state.get();
        trustRoot(s);
        String path = "cores/" + platform + "/" + version + "/redflag-agent.jar";
        try {
            TufClient tuf = TufClient.builder(metadata, fetcher()).build();
            tuf.refresh();
            var info = tuf.targetInfo(path).orElseThrow(() -> new IOException("the repository's signed targets do not "
                    + "list core " + version + " for " + platform));
            var custom = info.custom().orElse(null);
            if (custom == null || !"core".equals(custom.path("kind").asText()) || !platform.equals(custom.path("platform").asText())
                    || !version.equals(custom.path("version").asText())) {
                SECURITY.warn("security event: target {} does not describe itself as core {} for {}; refused", path, version,
                        platform);
                throw new IOException("target " + path + " is not signed as core " + version + " for " + platform);
            }
            String sha256 = info.hashes().get("sha256");
            if (sha256 == null) {
                throw new IOException("target " + path + " carries no SHA-256");
            }
            return new VerifiedCore(tuf.download(info, targets), sha256, info.length());
        } catch (TufException e) {
            throw new IOException("cannot verify core " + version + ": " + e.getMessage(), e);
        }
    }

    /** A core release downloaded and checked against the signed metadata. */
    record VerifiedCore(Path file, String sha256, long length) {}

    /** Takes the repository's first root once, with the pinned server key's signature over it. */
    void trustRoot(AgentState s) throws IOException, InterruptedException {
        if (Files.exists(metadata.resolve("root.json"))) {
            return;
        }
        HttpResponse<InputStream> r = client.file(Routes.updateMetadata(s.agentId) + "/1.root.json", s.accessToken);
        byte[] root;
        try (InputStream in = r.body()) {
            root = in.readNBytes(512 * 1024 + 1);
        }
        if (root.length > 512 * 1024) {
            throw new IOException("the server's first update root is over 512 KiB");
        }
        String signature = r.headers().firstValue(ProtocolHeaders.ROOT_SIGNATURE).orElse("");
        byte[] context = ProtocolHeaders.TRUSTED_ROOT_CONTEXT.getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[context.length + root.length];
        System.arraycopy(context, 0, signed, 0, context.length);
        System.arraycopy(root, 0, signed, context.length, root.length);
        try {
            verifier.verify(s.serverPublicKey, signed, signature);
        } catch (SignatureException e) {
            SECURITY.warn("security event: the server's first update root is not signed by the pinned server key ({}); "
                    + "no bundles will be installed", e.getMessage());
            throw new IOException("the first update root is not signed by the pinned server key: " + e.getMessage());
        }
        try {
            TufClient.initialize(metadata, root);
        } catch (TufException e) {
            throw new IOException(e.getMessage(), e);
        }
        LOG.info("trusting update root version 1 (countersigned by server key {})", s.serverKeyId);
    }

    /** Reads metadata and bundles over the agent's own routes, with its current token. */
    private Fetcher fetcher() {
        return new Fetcher() {
            @Override
            public InputStream fetchMetadata(String fileName) throws IOException {
                return open(Routes.updateMetadata(state.get().agentId) + "/" + fileName);
            }

            @Override
            public InputStream fetchTarget(String path) throws IOException {
                return open(Routes.updateTargets(state.get().agentId) + "/" + path);
            }

            private InputStream open(String path) throws IOException {
                try {
                    return client.file(path, state.get().accessToken).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while fetching " + path);
                }
            }
        };
    }
}
