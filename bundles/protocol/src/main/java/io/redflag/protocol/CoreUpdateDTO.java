// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** One attempt to replace an agent's core, as the agent's bootstrap recorded it. */
public class CoreUpdateDTO extends DTO {
    /** The release it tried. */
    public String version;
    /** The version it ran before. */
    public String from;
    public CoreUpdateOutcome outcome;
    /** When the outcome was known, ISO-8601 UTC. */
    public String at;
    /** The order (core-update command) it answered; null for one the agent did not get as a command. */
    public String commandId;
    /** Why it failed or was refused; null when installed. */
    public String reason;
}
