// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.runtime.FailedScannerDTO;
import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** An agent as operators see it. */
public class AgentDTO extends DTO {
    public String id;
    public String hostname;
    public String osFamily;
    public String osVersion;
    public String architecture;
    public String agentVersion;
    public AgentStatus status;
    public String registeredAt;
    public String lastSeenAt;
    /** Whether it checked in lately: false once it missed three polls (an active agent can be offline). */
    public boolean online;
    /** Tags operators gave it. */
    public List<String> tags = new ArrayList<>();
    /** Installable updates only; readings of the host are not pending. */
    public long pendingUpdates;
    /** Only in {@code GET /agents/{id}}; null in lists. */
    public List<AgentSubsystemDTO> subsystems;
    /** Scanner plug-ins the agent reported as not working at its last check-in. */
    public List<FailedScannerDTO> failedScanners = new ArrayList<>();
    /** RFC 7638 thumbprint of the key the agent proves itself with; null for one registered before machine binding. */
    public String keyThumbprint;
    /** Results the agent set aside because this server refused or kept failing on them (it says so at each check-in). */
    public int quarantinedResults;
    /** While {@link AgentStatus#REBINDING}: the machine id whose next registration takes the agent over, and until when. */
    public String rebindMachineId;
    public String rebindUntil;
    /** The bundles the agent said it runs at its last check-in (only in {@code GET /agents/{id}}; null in lists). */
    public List<BundleInventoryDTO> bundles;
    /** The desired-state hash the agent last brought in: the same as check-ins hand it once it has caught up. */
    public String appliedDesiredState;
    /** What the agent's local policy accepts, as it said at its last check-in; null until it says (older agents). */
    public List<AgentAction> accepts;
    /** Circuit breakers of the agent's scanners that failed since it started (only in {@code GET /agents/{id}}). */
    public List<ScannerBreakerDTO> breakers;
    /** The host's last reported figures (only in {@code GET /agents/{id}}; null until the agent sends them). */
    public HostMetricsDTO host;
    /** Until when the agent polls often because an operator asked (heartbeat mode); null when it does not. */
    public String heartbeatUntil;
    /** The platform of its core ({@code linux-amd64}), as it said; null until it says. */
    public String platform;
    /** Its last core updates, newest first, as it reported them (only in {@code GET /agents/{id}}). */
    public List<CoreUpdateDTO> coreUpdates;
}
