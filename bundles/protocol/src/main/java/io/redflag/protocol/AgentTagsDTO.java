// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code PUT /api/v1/agents/{id}/tags}: the agent's tags, replacing the ones it had. */
public class AgentTagsDTO extends DTO {
    /** At most {@link MessageRules#MAX_TAGS}, each lower-case letters, digits, '.', '_' and '-', at most 40. */
    public List<String> tags = new ArrayList<>();
}
