// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code POST /api/v1/agents/core-updates}: replace the core of up to 50 agents. */
public class CoreUpdateRequestDTO extends DTO {
    /** The agents, at most {@link MessageRules#MAX_CORE_UPDATE_AGENTS}. */
    public List<String> agentIds = new ArrayList<>();
    /** The release; null: the newest for each agent's platform. */
    public String version;
}
