// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.SubsystemKind;
import org.osgi.dto.DTO;

/** One subsystem of one agent: whether it runs, how often, and how its last run went. */
public class AgentSubsystemDTO extends DTO {
    public String ecosystem;
    public SubsystemKind kind;
    public boolean enabled;
    public int intervalSeconds;
    public String nextRunAt;
    public String lastRunAt;
    /** Null until it ran once. */
    public SubsystemStatus lastStatus;
    public String lastMessage;
}
