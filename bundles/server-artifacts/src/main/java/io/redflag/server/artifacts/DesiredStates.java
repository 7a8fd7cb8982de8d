// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.BundlePinDTO;
import io.redflag.protocol.DesiredStateDTO;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which bundles from the repository each agent should run, derived from its enabled subsystems: for each, the plug-in
 * that provides it at the version pinned for that agent, else pinned for every agent, else the newest still offered.
 * Check-ins carry the hash so agents know when to look.
 */
@ProviderType
public interface DesiredStates {

    /** The agent's desired state. @throws io.redflag.server.store.StoreException when the database is unavailable */
    DesiredStateDTO of(UUID agentId);

    /**
     * The hash of {@link #of}, cheaply: without a query while no published plug-in provides a subsystem.
     */
    String hash(UUID agentId);

    /** The plug-ins offered now: ecosystem → the artifact providing it (newest version, not retired). */
    Map<String, ArtifactDTO> offered();

    /**
     * Holds a plug-in at a published version (not retired), for every agent ({@code agentId} null) or one agent, whose
     * own pin wins. A pin never moves an agent back: an agent running a newer version keeps it.
     *
     * @throws UnknownArtifactException no such version, it is retired, or it provides no subsystem
     */
    BundlePinDTO pin(String actor, String symbolicName, String version, UUID agentId);

    /** Lets the plug-in follow the newest version again (for every agent, or one); false when it was not pinned. */
    boolean unpin(String actor, String symbolicName, UUID agentId);

    /** The pins of a plug-in, every-agent pin first. */
    List<BundlePinDTO> pins(String symbolicName);
}
