// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * Which agents a bulk job acts on: explicit ids, or every active agent matching all the filters given (a tag is a
 * group). Ids and filters do not mix; an empty selection is refused rather than read as "every agent".
 */
public class SelectionDTO extends DTO {
    public List<String> agentIds = new ArrayList<>();
    public String tag;
    /** Online (checked in within three poll intervals) or not. */
    public Boolean online;
    /** OS family: linux, windows. */
    public String os;
    /** A pending update this grave or graver: critical, important, moderate, low. */
    public String severity;
    /** Every active agent: must be said, never assumed. */
    public boolean all;
}
