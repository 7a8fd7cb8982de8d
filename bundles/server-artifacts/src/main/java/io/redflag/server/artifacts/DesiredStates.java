// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.DesiredStateDTO;
import java.util.Map;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which bundles from the repository each agent should run, derived from its enabled subsystems: for each, the newest
 * version still offered of the plug-in that provides it. Check-ins carry the hash so agents know when to look.
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
}
