// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/**
 * A plug-in held at a version, for every agent or for one. {@code PUT /api/v1/artifacts/{name}/pins} takes
 * {@code version} and, for one agent, {@code agentId}.
 */
public class BundlePinDTO extends DTO {
    public String symbolicName;
    public String version;
    /** Null: every agent (an agent's own pin wins over it). */
    public String agentId;
    public String pinnedBy;
    public String pinnedAt;
}
