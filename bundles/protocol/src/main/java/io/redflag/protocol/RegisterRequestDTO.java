// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code POST /api/v1/agents/register}: a new agent introduces itself, spending one seat of a registration token. */
public class RegisterRequestDTO extends DTO {
    /** The secret of a registration token ({@code rfr_…}). */
    public String registrationToken;
    /** A stable id of the machine (a fact for clone detection, not a credential). */
    public String machineId;
    public String hostname;
    /** "linux", "windows", "darwin". */
    public String osFamily;
    public String osVersion;
    public String architecture;
    public String agentVersion;
    /** Ecosystems whose scanners are active on the agent. */
    public List<String> scanners = new ArrayList<>();
}
