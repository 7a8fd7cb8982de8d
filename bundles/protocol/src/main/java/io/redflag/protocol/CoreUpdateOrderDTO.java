// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** What became of one agent of a core-update request: an order (a signed command) or why none was made. */
public class CoreUpdateOrderDTO extends DTO {
    public String agentId;
    /** The core-update command; null when refused. */
    public String commandId;
    public String platform;
    public String version;
    /** Why no order was made for this agent (unknown, no release for its platform, its policy refuses, …); null otherwise. */
    public String refused;
}
