// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** An open rebind: which agent, from which machine id, until when. */
public class RebindDTO extends DTO {
    public String agentId;
    public String machineId;
    public String until;
}
