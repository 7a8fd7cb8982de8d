// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

import io.redflag.protocol.PublisherDTO;
import io.redflag.protocol.UpdateKeyDTO;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The repository's signed metadata after The Update Framework (TUF 1.0): root, targets (every bundle still offered,
 * with its length and SHA-256), snapshot and timestamp, Ed25519-signed, with consistent snapshots. Agents follow the
 * TUF client workflow over it before they install anything.
 */
@ProviderType
public interface UpdateMetadata {

    /**
     * A metadata file as clients ask for it: {@code N.root.json}, {@code N.targets.json}, {@code N.snapshot.json},
     * {@code timestamp.json}; empty for anything else or a version that does not (or no longer) exist.
     */
    Optional<byte[]> file(String fileName);

    /**
     * Signs new versions where the repository's offer changed or metadata comes near its expiry. Safe to call often and
     * from several nodes: they take turns, and a node with nothing to do signs nothing.
     */
    void refresh();

    /** Each role's keys as the newest root lists them, its threshold, its newest version and expiry, and whether its key is here. */
    List<UpdateKeyDTO> keys();

    /**
     * Replaces a role's key with a new one (the old one is retired: the new root no longer lists it) and signs that
     * role's metadata again with it. Agents follow by walking the root chain. Needs the root key in place.
     *
     * @return the keys after the rotation
     * @throws UpdateKeyException no such role, or the root key is not here
     */
    List<UpdateKeyDTO> rotate(String actor, String role);

    /**
     * Delegates namespaces of symbolic names to a publisher's keys: from the next signing round, the top-level targets
     * no longer list bundles of those names and delegate them to the publisher instead.
     *
     * @throws InvalidMetadataException a bad name, key, threshold or namespace, or namespaces another publisher has
     * @throws UpdateKeyException a publisher of that name exists
     */
    PublisherDTO addPublisher(String actor, PublisherDTO publisher);

    /** The publishers, with the version of their signed targets served. */
    List<PublisherDTO> publishers();

    /**
     * Takes a publisher's signed targets metadata, as the publisher signed it: signed by a threshold of its keys, a
     * higher version than served, not expired, listing only bundles of its namespaces that the repository holds with
     * exactly those lengths and SHA-256 ({@code custom} naming their symbolic name and version).
     *
     * @throws InvalidMetadataException saying which of these it is not
     * @throws UnknownArtifactException no such publisher
     */
    PublisherDTO acceptTargets(String actor, String publisher, byte[] signedTargets);
}
