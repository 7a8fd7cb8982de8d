// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

import io.redflag.protocol.AgentDTO;
import io.redflag.protocol.AgentSubsystemDTO;
import io.redflag.protocol.InventoryRecordDTO;
import io.redflag.protocol.SubsystemStatus;
import io.redflag.protocol.SubsystemUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.SubsystemKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Agents, their subsystems and their records. Reads and operator changes run in their own
 * transaction; the methods taking a {@link Connection} run inside the caller's (a registration, a
 * stored result), so the change stands or falls with it.
 */
@ProviderType
public interface Inventory {

    List<AgentDTO> agents();

    /** What to list agents by; null fields do not filter. {@code severity}: a pending update this grave or graver. */
    record AgentFilter(String tag, Boolean online, String osFamily, io.redflag.scanner.Severity severity) {
        public static final AgentFilter ALL = new AgentFilter(null, null, null, null);
    }

    /** Agents matching the filter, by hostname. */
    List<AgentDTO> agents(AgentFilter filter);

    /** How to order a page of agents. */
    enum AgentOrder {
        HOSTNAME, OS, LAST_SEEN, PENDING
    }

    /**
     * One page of the agents matching a filter: {@code search} (null: all) matches a part of the hostname or the start
     * of the id, case ignored; {@code limit} 0 means every agent from {@code offset} on.
     *
     * @since 1.3
     */
    record AgentQuery(AgentFilter filter, String search, AgentOrder order, boolean descending, int offset, int limit) {
    }

    /** A page of agents and how many match in all. @since 1.3 */
    record AgentPage(List<AgentDTO> agents, long total) {
    }

    /** A page of the agents matching a query, ties by hostname then id. @since 1.3 */
    AgentPage agents(AgentQuery query);

    /**
     * Which versions of a plug-in the active agents last reported, in which state, most agents first.
     *
     * @since 1.3
     */
    List<io.redflag.protocol.BundleRolloutDTO> bundleRollout(String symbolicName);

    /** Replaces an agent's tags. @throws UnknownAgentException */
    AgentDTO tag(String operator, UUID agentId, List<String> tags);

    /** One agent with its subsystems. @throws UnknownAgentException */
    AgentDTO agent(UUID id);

    /** The agent's pending updates ({@code kind} UPDATES), optionally of one ecosystem. @throws UnknownAgentException */
    List<InventoryRecordDTO> records(UUID agentId, String ecosystem, SubsystemKind kind);

    /**
     * What the agent's host read at the last scan of each subsystem of readings (or of one).
     *
     * @throws UnknownAgentException
     * @throws io.redflag.protocol.InvalidMessageException when the ecosystem is unknown or reports updates
     */
    List<io.redflag.protocol.ReadingRecordDTO> readings(UUID agentId, String ecosystem);

    /** @throws UnknownAgentException */
    List<AgentSubsystemDTO> subsystems(UUID agentId);

    /**
     * Enables, disables or re-times one subsystem of one agent; enabling schedules a run at once.
     *
     * @throws UnknownAgentException
     * @throws UnknownSubsystemException when no deployed bundle describes the ecosystem
     */
    AgentSubsystemDTO updateSubsystem(UUID agentId, String ecosystem, SubsystemUpdateDTO change);

    /**
     * Makes an enabled subsystem due at once: the agent's next check-in gets its scan.
     *
     * @throws UnknownAgentException
     * @throws UnknownSubsystemException when no deployed bundle describes the ecosystem
     * @throws SubsystemDisabledException when it is not enabled on that agent
     */
    AgentSubsystemDTO scanNow(String operator, UUID agentId, String ecosystem);

    /**
     * Pending updates across active agents, grouped by {@code package}, {@code cve}, {@code severity} or
     * {@code ecosystem}, most affected agents first (then by key); filtered by ecosystem and severity (null: any);
     * paged after the cursor the previous page's last entry carried.
     *
     * @throws io.redflag.protocol.InvalidMessageException for an unknown grouping or an unreadable cursor
     */
    default List<io.redflag.protocol.UpdateGroupDTO> fleetUpdates(String groupBy, String ecosystem, String severity,
            String after, int limit) {
        return fleetUpdates(groupBy, ecosystem, severity, null, after, limit);
    }

    /**
     * The same, in the order {@code sort} names: {@code agents} (most affected first, the default) or {@code key}
     * (by key: package name, CVE id…); a cursor belongs to its order.
     *
     * @throws io.redflag.protocol.InvalidMessageException for an unknown grouping or order, or an unreadable cursor
     */
    List<io.redflag.protocol.UpdateGroupDTO> fleetUpdates(String groupBy, String ecosystem, String severity, String sort,
            String after, int limit);

    /** Every agent version that has registered or checked in. */
    List<String> knownAgentVersions();

    /** Every ecosystem the agent can run and the server knows, enabled with its default interval. */
    void createDefaultSubsystems(Connection c, UUID agentId, List<String> ecosystems) throws SQLException;

    /** Makes the agent's records of the ecosystem equal to a fresh scan, keeping first-seen times. */
    void storeScan(Connection c, UUID agentId, String ecosystem, ScanReportDTO report) throws SQLException;

    /** Records how the subsystem's last run went. */
    void markSubsystem(Connection c, UUID agentId, String ecosystem, SubsystemStatus status, String message)
            throws SQLException;
}
