// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandAcceptedDTO;
import io.redflag.protocol.CommandDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.PackageCommandRequestDTO;
import io.redflag.protocol.ResultAckDTO;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The command channel between server and agents. Every method is one transaction; any number of server
 * nodes may serve it at once (row locks, {@code SKIP LOCKED}).
 */
@ProviderType
public interface CommandQueue {

    /**
     * Marks the agent seen, turns its due subsystems into signed scan commands and hands out its open commands.
     *
     * @param keyThumbprint the key the caller's access token is bound to: it must still be the agent's (after a rebind
     *        the old machine's unexpired token is worth nothing); {@code null}: not checked
     * @throws AgentNotActiveException when the agent is unknown, revoked or rebinding, or has another key now
     * @throws AgentDowngradeException when the agent reports an older version than it did before (unless its core
     *         rolled back from that very version)
     * @throws UpgradeRequiredException when the agent is below the minimum version and no core update is in flight
     */
    CheckInResponseDTO checkIn(UUID agentId, String keyThumbprint, CheckInRequestDTO request);

    /**
     * The answer to the usual check-in — nothing new reported, nothing waiting — from one read without a transaction;
     * empty for any other check-in (or a message that breaks the rules, or an agent that is not what the call says),
     * which {@link #checkIn} then handles in full, saying why it refuses. Marks the agent seen (written behind).
     *
     * @since 1.4
     */
    java.util.Optional<CheckInResponseDTO> quietCheckIn(UUID agentId, String keyThumbprint, CheckInRequestDTO request);

    /** The longest span of check-ins kept and answered, in hours (two weeks). @since 1.5 */
    int MAX_ACTIVITY_HOURS = 14 * 24;

    /**
     * Check-ins every node answered over the last {@code hours} (1 to {@link #MAX_ACTIVITY_HOURS}), in about 120
     * buckets (whole minutes), the newest counted within seconds.
     *
     * @since 1.5
     */
    io.redflag.protocol.CheckInActivityDTO checkInActivity(int hours);

    /** A check-in not tied to a key (tests; agents registered before machine binding). */
    default CheckInResponseDTO checkIn(UUID agentId, CheckInRequestDTO request) {
        return checkIn(agentId, null, request);
    }

    /**
     * Queues a dry run or an install an operator asked for.
     *
     * @throws io.redflag.server.inventory.UnknownAgentException when there is no such active agent
     * @throws io.redflag.server.inventory.UnknownSubsystemException when no bundle describes the ecosystem
     * @throws CommandConflictException when one of its kind is still open for that subsystem
     */
    default CommandAcceptedDTO request(String operator, UUID agentId, CommandType type, PackageCommandRequestDTO request) {
        return request(operator, agentId, type, request, null);
    }

    /**
     * Queues a dry run or an install, as part of a bulk job (null: none). An install must carry the plan of a completed
     * dry run on that agent (by hash or by naming the dry run) that no one rejected, and that someone approved where
     * approvals are required; each step is kept in the history of every package it names.
     *
     * @throws io.redflag.server.inventory.UnknownAgentException when there is no such active agent
     * @throws io.redflag.server.inventory.UnknownSubsystemException when no bundle describes the ecosystem
     * @throws CommandConflictException when one of its kind is still open for that subsystem, or the plan is not one that
     *         may be installed (the message says which rule)
     */
    CommandAcceptedDTO request(String operator, UUID agentId, CommandType type, PackageCommandRequestDTO request, UUID jobId);

    /** {@link #request(String, UUID, CommandType, PackageCommandRequestDTO, UUID)} inside the caller's transaction. */
    CommandAcceptedDTO request(java.sql.Connection c, String operator, UUID agentId, CommandType type,
            PackageCommandRequestDTO request, UUID jobId) throws java.sql.SQLException;

    /**
     * Records an operator's decision on the plan of one completed dry run: once, and under the four-eyes rule (when the
     * server sets it) only by someone other than who asked for the dry run.
     *
     * @throws UnknownCommandException when there is no such dry run
     * @throws CommandConflictException when it computed no plan, was decided on already, or the four-eyes rule forbids
     */
    io.redflag.protocol.ApprovalDTO decide(String operator, io.redflag.protocol.ApprovalRequestDTO request, UUID jobId);

    /** {@link #decide(String, io.redflag.protocol.ApprovalRequestDTO, UUID)} inside the caller's transaction. */
    io.redflag.protocol.ApprovalDTO decide(java.sql.Connection c, String operator,
            io.redflag.protocol.ApprovalRequestDTO request, UUID jobId) throws java.sql.SQLException;

    /** Decisions, newest first, of one agent (null: all). */
    List<io.redflag.protocol.ApprovalDTO> approvals(UUID agentId, int limit);

    /**
     * The history of an agent's updates, newest first, optionally of one ecosystem and package; {@code before}: the
     * event id the previous page ended with. @throws io.redflag.server.inventory.UnknownAgentException
     */
    List<io.redflag.protocol.UpdateEventDTO> history(UUID agentId, String ecosystem, String packageId, Long before, int limit);

    /**
     * Queues a signed scan of one subsystem now (the agent's next check-in takes it), as part of a bulk job (null: none);
     * when one is under way already, that one is the answer.
     *
     * @throws io.redflag.server.inventory.UnknownAgentException when there is no such active agent
     * @throws io.redflag.server.inventory.SubsystemDisabledException when the subsystem is not enabled on it
     */
    CommandAcceptedDTO scan(String operator, UUID agentId, String ecosystem, UUID jobId);

    /** {@link #scan(String, UUID, String, UUID)} inside the caller's transaction. */
    CommandAcceptedDTO scan(java.sql.Connection c, String operator, UUID agentId, String ecosystem, UUID jobId)
            throws java.sql.SQLException;

    /**
     * Starts an agent's heartbeat mode for {@code minutes} (it polls every few seconds until then), or ends it (0).
     *
     * @return until when; null when ended
     * @throws io.redflag.server.inventory.UnknownAgentException when there is no such active agent
     */
    java.time.Instant heartbeat(String operator, UUID agentId, int minutes);

    /**
     * Orders one agent's core update: a signed core-update command with its platform, the release and a nonce, unless
     * the agent cannot or would not take it (then {@code refused} says why and nothing is queued). One transaction per
     * agent: a refusal for one never blocks the others of a bulk order.
     *
     * @param releases the release to install for a platform (the requested version, or the newest), if there is one
     */
    io.redflag.protocol.CoreUpdateOrderDTO orderCoreUpdate(String operator, UUID agentId,
            java.util.function.Function<String, java.util.Optional<String>> releases);

    /** The lowest agent version this server serves ordinary work to; null when it sets none. */
    String minimumAgentVersion();

    /**
     * Commands newest first, without their results (see {@link #describe}), filtered (null: any) and paged: {@code before}
     * is the command the previous page ended with.
     *
     * @throws io.redflag.protocol.InvalidMessageException when {@code before} names no command
     */
    List<CommandDTO> list(UUID agentId, CommandType type, io.redflag.protocol.CommandStatus status, UUID before, int limit);

    /** A command and, once the agent answered, its result. @throws UnknownCommandException */
    CommandDTO describe(UUID commandId);

    /**
     * Stores a command's result once; a resent result is acknowledged again and changes nothing. With the agent's
     * proof of possession and the exact bytes it signed, kept beside it: a report that can be checked again later
     * against the agent's key, which no one with only the database can forge.
     *
     * @throws UnknownCommandException when the agent has no such command
     */
    ResultAckDTO storeResult(UUID agentId, CommandResultDTO result, String keyThumbprint, String proof, byte[] signedBody);

    /** A result without the agent's proof (tests, and agents registered before machine binding). */
    default ResultAckDTO storeResult(UUID agentId, CommandResultDTO result) {
        return storeResult(agentId, result, null, null, null);
    }
}
