// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.runtime.FailedScannerDTO;
import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code POST /api/v1/agents/{id}/check-in}: the agent is alive and says what it can run. */
public class CheckInRequestDTO extends DTO {
    public String agentVersion;
    /** Ecosystems whose scanners are active on the agent. */
    public List<String> scanners = new ArrayList<>();
    /** Scanner plug-ins present on the agent that do not work, and why. */
    public List<FailedScannerDTO> failedScanners = new ArrayList<>();
    /** Results the agent keeps aside (in {@code outbox/rejected}) because the server refused or kept failing on them. */
    public int quarantinedResults;
    /** The bundles the agent runs; null from an agent too old to say (what the server had is then kept). */
    public List<BundleInventoryDTO> bundles;
    /** The desired-state hash the agent last brought in (all of it, or all it could); null before the first. */
    public String appliedDesiredState;
    /**
     * What the agent's local policy accepts; null from an agent too old to say (it accepts everything). The server offers
     * nothing outside it.
     */
    public List<AgentAction> accepts;
    /** Circuit breakers of scanners that failed since the agent started; null from an agent too old to say. */
    public List<ScannerBreakerDTO> breakers;
    /** The host's figures, every few minutes; null in between (the server keeps the last ones). */
    public HostMetricsDTO host;
    /** The agent's last core updates (newest first, at most {@link MessageRules#MAX_CORE_HISTORY}); null from older agents. */
    public List<CoreUpdateDTO> coreUpdates;
    /** The platform of the core the agent runs ({@code linux-amd64}); null from older agents. */
    public String platform;
}
