// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * {@code GET /api/v1/agents/{id}/desired-state}: the bundles from the server's repository the agent should run,
 * derived from its enabled subsystems. Bundles the agent installed in place that are not listed are removed; its own
 * base set is never removed (and never downgraded).
 */
public class DesiredStateDTO extends DTO {
    /** Changes whenever the list does; check-ins carry it so the agent knows when to fetch this again. */
    public String hash;
    public List<DesiredBundleDTO> bundles = new ArrayList<>();
}
