// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

import io.redflag.protocol.SubsystemDTO;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The subsystems the server knows: one per scanner bundle deployed on it, described by its descriptor. */
@ProviderType
public interface SubsystemCatalog {

    /** A snapshot, sorted by ecosystem id. */
    List<SubsystemDTO> all();

    Optional<SubsystemDTO> find(String ecosystem);

    /** The subsystem, or {@link UnknownSubsystemException}. */
    default SubsystemDTO require(String ecosystem) {
        return find(ecosystem).orElseThrow(() -> new UnknownSubsystemException(ecosystem));
    }
}
