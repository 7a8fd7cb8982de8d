// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.SubsystemKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.dto.DTO;

/** {@code GET /api/v1/subsystems}: what a deployed scanner bundle describes. */
public class SubsystemDTO extends DTO {
    public String ecosystem;
    public String displayName;
    public SubsystemKind kind;
    public List<String> osFamilies = new ArrayList<>();
    public long defaultIntervalSeconds;
    public String versionOrdering;
    public Map<String, String> defaultConfiguration = new LinkedHashMap<>();
}
