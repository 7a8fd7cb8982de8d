// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.redflag.protocol.AgentAction;
import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CoreUpdateDTO;
import io.redflag.protocol.CoreUpdateOrderDTO;
import io.redflag.protocol.CoreUpdateOutcome;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandAcceptedDTO;
import io.redflag.protocol.CommandDTO;
import io.redflag.protocol.CommandParamsDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandStatus;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.ApprovalDTO;
import io.redflag.protocol.ApprovalDecision;
import io.redflag.protocol.ApprovalRequestDTO;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.LifecycleState;
import io.redflag.protocol.UpdateEventDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.server.commands.AgentDowngradeException;
import io.redflag.protocol.PackageCommandRequestDTO;
import io.redflag.protocol.Polling;
import io.redflag.protocol.ResultAckDTO;
import io.redflag.protocol.ResultStatus;
import io.redflag.protocol.SubsystemDTO;
import io.redflag.protocol.SubsystemStatus;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.runtime.FailedScannerDTO;
import io.redflag.server.commands.AgentNotActiveException;
import io.redflag.server.commands.CommandConflictException;
import io.redflag.server.commands.CommandQueue;
import io.redflag.server.commands.UnknownCommandException;
import io.redflag.server.commands.UpgradeRequiredException;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.SubsystemCatalog;
import io.redflag.server.inventory.UnknownAgentException;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.LogText;
import io.redflag.server.store.Rows;
import io.redflag.signing.SignedCommandDTO;
import io.redflag.signing.Signer;
import io.redflag.version.VersionOrderings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Check-in and results over PostgreSQL. Scans fall due per agent subsystem; a check-in turns due
 * subsystems into signed commands in the same transaction that hands them out, locking rows with
 * SKIP LOCKED so any number of server nodes can serve check-ins without a coordinator.
 */
@Component(service = CommandQueue.class, configurationPid = "io.redflag.server")
@Designate(ocd = JdbcCommandQueue.Config.class)
public final class JdbcCommandQueue implements CommandQueue {

    @ObjectClassDefinition(name = "RedFlag server")
    public @interface Config {
        @AttributeDefinition(description = "How often agents check in, in seconds (they add a little jitter); "
                + "5 s in heartbeat mode")
        int poll_interval_seconds() default Polling.DEFAULT_INTERVAL_SECONDS;

        @AttributeDefinition(description = "Agents below this version get 426 and no work until their core is updated; "
                + "empty: no minimum")
        String agents_min_version() default "";

        @AttributeDefinition(description = "Installs need an operator's approval of the dry run whose plan they install")
        boolean approvals_required() default false;

        @AttributeDefinition(description = "Four-eyes rule: whoever asked for a dry run may not decide on its plan "
                + "(implies approvals_required)")
        boolean approvals_four_eyes() default false;
    }

    private static final Logger SECURITY = LoggerFactory.getLogger("io.redflag.security");
    /** An undelivered result after this long means the agent lost the command: hand it out again. */
    static final long REDELIVER_AFTER_SECONDS = 300;
    /** When an enabled subsystem's scanner is missing on the agent, when to look again. */
    static final long UNAVAILABLE_RETRY_SECONDS = 300;
    private static final TypeReference<Map<String, String>> CONFIG = new TypeReference<>() {};
    private static final TypeReference<List<AgentAction>> ACCEPTS = new TypeReference<>() {};
    private static final TypeReference<List<CoreUpdateDTO>> CORE_UPDATES = new TypeReference<>() {};
    private static final TypeReference<CommandParamsDTO> PARAMS = new TypeReference<>() {};
    /** Who asks for scheduled scans. */
    static final String SCHEDULER = "server";
    /** The subsystem column of core-update commands (one open per agent), and the version ordering they use. */
    static final String CORE_ECOSYSTEM = "agent";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Database db;
    private final Signer signer;
    private final AuditLog audit;
    private final Inventory inventory;
    private final SubsystemCatalog catalog;
    private final int pollIntervalSeconds;
    private final String minimumVersion;
    private final boolean fourEyes;
    private final boolean approvalsRequired;
    private final SeenWriter seenWriter;
    private final CheckInCounter checkIns;

    @Activate
    public JdbcCommandQueue(@Reference Database db, @Reference Signer signer, @Reference AuditLog audit,
            @Reference Inventory inventory, @Reference SubsystemCatalog catalog, Config config) {
        this.pollIntervalSeconds = Polling.clamp(config.poll_interval_seconds());
        String min = config.agents_min_version() == null ? "" : config.agents_min_version().trim();
        this.minimumVersion = min.isEmpty() ? null : MessageRules.version(min, "agents.min.version", true);
        this.fourEyes = config.approvals_four_eyes();
        this.approvalsRequired = config.approvals_required() || fourEyes;
        this.db = db;
        this.seenWriter = new SeenWriter(db);
        this.checkIns = new CheckInCounter(db);
        this.signer = signer;
        this.audit = audit;
        this.inventory = inventory;
        this.catalog = catalog;
    }

    /** Writes the last-seen times still held, and stops writing them. */
    @Deactivate
    public void close() {
        seenWriter.close();
        checkIns.close();
    }

    /** Writes the last-seen times held so far now (tests; a node about to stop does it itself). */
    public void flushSeen() {
        seenWriter.flush();
    }

    @Override
    public CheckInResponseDTO checkIn(UUID agentId, String keyThumbprint, CheckInRequestDTO request) {
        CheckInRequestDTO req = MessageRules.check(request);
        Report report = Report.of(req);
        CheckInResponseDTO out = belowMinimum(req) ? null : db.read(c -> quiet(c, agentId, keyThumbprint, req, report));
        if (out == null) {
            try {
                out = checkInTransaction(agentId, keyThumbprint, req, report);
            } catch (AgentDowngradeException e) {
                audit.securityEvent("agent:" + agentId, "agent.downgrade.refused", e.getMessage());
                throw e;
            }
        }
        return answered(out);
    }

    @Override
    public Optional<CheckInResponseDTO> quietCheckIn(UUID agentId, String keyThumbprint, CheckInRequestDTO request) {
        CheckInRequestDTO req;
        try {
            req = MessageRules.check(request);
        } catch (InvalidMessageException e) {
            return Optional.empty(); // checkIn says what is wrong with it
        }
        if (belowMinimum(req)) {
            return Optional.empty();
        }
        Report report = Report.of(req);
        return Optional.ofNullable(db.read(c -> quiet(c, agentId, keyThumbprint, req, report))).map(this::answered);
    }

    @Override
    public io.redflag.protocol.CheckInActivityDTO checkInActivity(int hours) {
        if (hours < 1 || hours > MAX_ACTIVITY_HOURS) {
            throw new IllegalArgumentException("hours must be from 1 to " + MAX_ACTIVITY_HOURS);
        }
        return checkIns.activity(hours);
    }

    private CheckInResponseDTO answered(CheckInResponseDTO out) {
        checkIns.count();
        out.pollIntervalSeconds = out.heartbeatUntil != null ? Polling.HEARTBEAT_INTERVAL_SECONDS : pollIntervalSeconds;
        out.serverTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        return out;
    }

    private boolean belowMinimum(CheckInRequestDTO req) {
        return minimumVersion != null && req.agentVersion != null
                && VersionOrderings.AGENT.compare(req.agentVersion, minimumVersion) < 0;
    }

    private CheckInResponseDTO checkInTransaction(UUID agentId, String keyThumbprint, CheckInRequestDTO req, Report report) {
        boolean belowMinimum = belowMinimum(req);
        CheckInResponseDTO answer = db.inTransaction(c -> {
            CheckInResponseDTO out = new CheckInResponseDTO();
            out.heartbeatUntil = Rows.iso(seen(c, agentId, keyThumbprint, req, report));
            if (belowMinimum) {
                // seen, but no work: only the update that lifts it above the minimum (no catch-22)
                if (!exists(c, CommandRows.OPEN_CORE_UPDATE, agentId)) {
                    return null;
                }
                out.commands = openCommands(c, agentId);
                out.commands.removeIf(cmd -> CommandType.fromWire(cmd.type) != CommandType.CORE_UPDATE);
                return out;
            }
            scheduleDueScans(c, agentId, req);
            out.commands = openCommands(c, agentId);
            return out;
        });
        if (answer == null) {
            throw new UpgradeRequiredException(agentId, req.agentVersion, minimumVersion);
        }
        return answer;
    }

    private static boolean exists(Connection c, String sql, UUID agentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String minimumAgentVersion() {
        return minimumVersion;
    }

    @Override
    public CoreUpdateOrderDTO orderCoreUpdate(String operator, UUID agentId, Function<String, Optional<String>> releases) {
        CoreUpdateOrderDTO order = new CoreUpdateOrderDTO();
        order.agentId = agentId.toString();
        db.inTransaction(c -> {
            String version;
            String accepts;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, platform, agent_version, accepts::text FROM agents "
                    + "WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !"active".equals(rs.getString(1))) {
                        order.refused = "no active agent with this id";
                        return null;
                    }
                    order.platform = rs.getString(2);
                    version = rs.getString(3);
                    accepts = rs.getString(4);
                }
            }
            if (order.platform == null || accepts == null) {
                order.refused = "the agent has not said its platform: it is too old to update its own core (install a new "
                        + "agent on that host)";
                return null;
            }
            if (!Rows.fromJson(accepts, ACCEPTS).contains(AgentAction.CORE_UPDATES)) {
                order.refused = "the agent's local policy does not accept core updates (redflag-agent run --accept)";
                return null;
            }
            Optional<String> release = releases.apply(order.platform);
            if (release.isEmpty()) {
                order.refused = "no core release for " + order.platform + " (publish one: POST /api/v1/cores/"
                        + order.platform + ")";
                return null;
            }
            order.version = release.get();
            if (version != null && VersionOrderings.AGENT.compare(order.version, version) <= 0) {
                order.refused = "the agent already runs " + version + "; core " + order.version + " is not newer";
                return null;
            }
            CommandParamsDTO params = new CommandParamsDTO();
            params.ecosystem = CORE_ECOSYSTEM;
            params.coreVersion = order.version;
            params.platform = order.platform;
            params.nonce = nonce();
            order.commandId = insertCommand(c, agentId, CommandType.CORE_UPDATE, CORE_ECOSYSTEM, params, operator, null);
            if (order.commandId == null) {
                order.refused = "a core update is already in flight for this agent";
                return null;
            }
            audit.append(c, operator, "command." + CommandType.CORE_UPDATE, "agent=" + agentId + " command="
                    + order.commandId + " core=" + order.version + " platform=" + order.platform + " from=" + version, false);
            return null;
        });
        return order;
    }

    /** 128 random bits, hex: bound into the order's signature, taken once by the agent. */
    private static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    @Override
    public Instant heartbeat(String operator, UUID agentId, int minutes) {
        Instant until = minutes > 0 ? Instant.now().plusSeconds(60L * minutes).truncatedTo(ChronoUnit.SECONDS) : null;
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(CommandRows.SET_HEARTBEAT)) {
                ps.setTimestamp(1, until == null ? null : Timestamp.from(until));
                ps.setObject(2, agentId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownAgentException(agentId + " (no active agent with this id)");
                }
            }
            audit.append(c, operator, until == null ? "agent.heartbeat.stop" : "agent.heartbeat",
                    "agent=" + agentId + (until == null ? "" : " minutes=" + minutes), false);
            return null;
        });
        return until;
    }

    /**
     * What a check-in reports besides its version, as stored: the failed scanners and bundles (JSON), the bundles'
     * digest, and the digest of all of it, by which an unchanged report is known without reading it.
     */
    private record Report(String failed, String bundles, String bundlesSha, String digest) {
        static Report of(CheckInRequestDTO req) {
            String failed = req.failedScanners.isEmpty() ? "[]" : Rows.json(req.failedScanners);
            String bundles = req.bundles == null ? null : Rows.json(req.bundles);
            String bundlesSha = bundles == null ? null : Rows.sha256(bundles);
            String digest = Rows.sha256(String.join("\n", failed, Integer.toString(req.quarantinedResults),
                    String.valueOf(bundlesSha), String.valueOf(req.appliedDesiredState), String.valueOf(Rows.json(req.accepts)),
                    String.valueOf(Rows.json(req.breakers)), String.valueOf(Rows.json(req.host)), String.valueOf(req.platform),
                    String.valueOf(Rows.json(req.coreUpdates))));
            return new Report(failed, bundles, bundlesSha, digest);
        }
    }

    /**
     * The answer to a check-in that changes nothing and finds nothing waiting, from one read ({@link CommandRows#QUIET});
     * null when it is not such a check-in (the transaction then looks at everything, locking what it schedules).
     */
    private CheckInResponseDTO quiet(Connection c, UUID agentId, String keyThumbprint, CheckInRequestDTO req, Report report)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CommandRows.QUIET)) {
            ps.setArray(1, c.createArrayOf("text", req.scanners.toArray()));
            ps.setLong(2, REDELIVER_AFTER_SECONDS);
            ps.setObject(3, agentId);
            ps.setString(4, keyThumbprint);
            ps.setString(5, keyThumbprint);
            ps.setString(6, req.agentVersion);
            ps.setString(7, report.digest());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBoolean(2)) {
                    return null;
                }
                seenWriter.mark(agentId);
                CheckInResponseDTO out = new CheckInResponseDTO();
                out.heartbeatUntil = Rows.iso(rs.getTimestamp(1));
                return out;
            }
        }
    }

    /**
     * Marks the agent seen. The usual check-in (same version as before) is one UPDATE; a changed version is looked
     * at: newer is recorded, older is refused (the transaction rolls back, the server keeps the newer version).
     */
    private Timestamp seen(Connection c, UUID agentId, String keyThumbprint, CheckInRequestDTO req, Report rep)
            throws SQLException {
        String failed = rep.failed();
        String bundles = rep.bundles();
        String bundlesSha = rep.bundlesSha();
        String report = rep.digest();
        try (PreparedStatement ps = c.prepareStatement(CommandRows.UNCHANGED)) {
            ps.setObject(1, agentId);
            ps.setString(2, keyThumbprint);
            ps.setString(3, keyThumbprint);
            ps.setString(4, req.agentVersion);
            ps.setString(5, report);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    seenWriter.mark(agentId);
                    return rs.getTimestamp(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CommandRows.SEEN)) {
            ps.setString(1, failed);
            ps.setInt(2, req.quarantinedResults);
            ps.setString(3, report);
            int i = reported(ps, 4, bundles, bundlesSha, req);
            ps.setObject(i, agentId);
            ps.setString(i + 1, keyThumbprint);
            ps.setString(i + 2, keyThumbprint);
            ps.setString(i + 3, req.agentVersion);
            ps.setString(i + 4, req.agentVersion);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getTimestamp(1);
                }
            }
        }
        String before;
        try (PreparedStatement ps = c.prepareStatement(CommandRows.VERSION)) {
            ps.setObject(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"active".equals(rs.getString(1))) {
                    throw new AgentNotActiveException(agentId);
                }
                if (keyThumbprint != null && !keyThumbprint.equals(rs.getString(3))) {
                    throw new AgentNotActiveException(agentId, "this access token is bound to a key the agent no longer has "
                            + "(it was rebound); refused");
                }
                before = rs.getString(2);
            }
        }
        if (VersionOrderings.AGENT.compare(req.agentVersion, before) < 0 && !rolledBack(req, before)) {
            throw new AgentDowngradeException(agentId, before, req.agentVersion);
        }
        try (PreparedStatement ps = c.prepareStatement(CommandRows.UPGRADED)) {
            ps.setString(1, failed);
            ps.setInt(2, req.quarantinedResults);
            ps.setString(3, report);
            int i = reported(ps, 4, bundles, bundlesSha, req);
            ps.setString(i, req.agentVersion);
            ps.setObject(i + 1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1) : null;
            }
        }
    }

    /**
     * An agent whose new core checked in once and then was rolled back by its bootstrap (it died before recording its
     * health) reports the version it fell back to, with the rollback in its core history: not a downgrade.
     */
    private static boolean rolledBack(CheckInRequestDTO req, String before) {
        return req.coreUpdates != null && req.coreUpdates.stream().anyMatch(u -> before.equals(u.version)
                && u.outcome == CoreUpdateOutcome.ROLLED_BACK && req.agentVersion.equals(u.from));
    }

    /** Sets the parameters of {@link CommandRows#BUNDLES} from {@code at}; the index after them. */
    private static int reported(PreparedStatement ps, int at, String json, String sha, CheckInRequestDTO req)
            throws SQLException {
        ps.setString(at, sha);
        ps.setString(at + 1, sha);
        ps.setString(at + 2, json);
        ps.setString(at + 3, sha);
        ps.setString(at + 4, req.appliedDesiredState);
        ps.setString(at + 5, req.accepts == null ? null : Rows.json(req.accepts));
        ps.setString(at + 6, req.breakers == null ? null : Rows.json(req.breakers));
        ps.setString(at + 7, req.host == null ? null : Rows.json(req.host));
        ps.setString(at + 8, req.platform);
        ps.setString(at + 9, req.coreUpdates == null ? null : Rows.json(req.coreUpdates));
        return at + 10;
    }

    /** One scan command per due, enabled subsystem the agent can run; at most one open per subsystem. */
    private void scheduleDueScans(Connection c, UUID agentId, CheckInRequestDTO req) throws SQLException {
        List<String[]> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CommandRows.DUE)) {
            ps.setObject(1, agentId);
            ps.setArray(2, c.createArrayOf("text", req.scanners.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] d : due) {
            String eco = d[0];
            long next;
            if (req.scanners.contains(eco)) {
                CommandParamsDTO params = new CommandParamsDTO();
                params.ecosystem = eco;
                params.config = Rows.fromJson(d[1], CONFIG);
                insertCommand(c, agentId, CommandType.SCAN, eco, params, SCHEDULER, null);
                next = -1;
            } else {
                inventory.markSubsystem(c, agentId, eco, SubsystemStatus.UNAVAILABLE, unavailable(eco, req.failedScanners));
                // look again a little later rather than at every check-in: the scanner may come back
                next = UNAVAILABLE_RETRY_SECONDS;
            }
            try (PreparedStatement ps = c.prepareStatement(CommandRows.RESCHEDULE)) {
                ps.setLong(1, next);
                ps.setLong(2, next);
                ps.setLong(3, next);
                ps.setObject(4, agentId);
                ps.setString(5, eco);
                ps.executeUpdate();
            }
        }
    }

    /** Why the agent cannot run the subsystem: what it said about a failed plug-in, or that it has none. */
    private static String unavailable(String eco, List<FailedScannerDTO> failed) {
        for (FailedScannerDTO f : failed) {
            if (eco.equals(f.ecosystem)) {
                return "the agent's " + eco + " scanner is not working: " + f.reason;
            }
        }
        return "the agent has no active " + eco + " scanner";
    }

    @Override
    public CommandAcceptedDTO request(String operator, UUID agentId, CommandType type, PackageCommandRequestDTO request,
            UUID jobId) {
        return db.inTransaction(c -> request(c, operator, agentId, type, request, jobId));
    }

    @Override
    public CommandAcceptedDTO request(Connection c, String operator, UUID agentId, CommandType type,
            PackageCommandRequestDTO request, UUID jobId) throws SQLException {
        PackageCommandRequestDTO req = MessageRules.check(request, type == CommandType.INSTALL);
        if (req.ecosystem != null) {
            updatesSubsystem(req.ecosystem);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT accepts::text FROM agents WHERE id = ? AND status = 'active'")) {
            ps.setObject(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownAgentException(agentId + " (no active agent with this id)");
                }
                refuseOutsidePolicy(rs.getString(1), type);
            }
        }
        if (type == CommandType.INSTALL) {
            approvedPlan(c, agentId, req);
        }
        CommandParamsDTO params = new CommandParamsDTO();
        params.ecosystem = req.ecosystem;
        params.packages = req.packages;
        params.planHash = req.planHash;
        String commandId = insertCommand(c, agentId, type, req.ecosystem, params, operator, jobId);
        if (commandId == null) {
            throw new CommandConflictException("a " + type + " command for " + req.ecosystem + " is still open on this agent");
        }
        UpdateEvents.record(c, agentId, req.ecosystem, req.packages,
                type == CommandType.INSTALL ? LifecycleState.INSTALLING : LifecycleState.DRY_RUN, operator, commandId,
                req.planHash, null, jobId);
        audit.append(c, operator, "command." + type, "agent=" + agentId + " command=" + commandId
                + " ecosystem=" + req.ecosystem + " packages=" + req.packages
                + (req.planHash == null ? "" : " plan=" + req.planHash) + (jobId == null ? "" : " job=" + jobId), false);
        CommandAcceptedDTO out = new CommandAcceptedDTO();
        out.commandId = commandId;
        out.status = CommandStatus.PENDING;
        return out;
    }

    /** The ecosystem's subsystem, which must report installable updates. */
    private SubsystemDTO updatesSubsystem(String ecosystem) {
        SubsystemDTO subsystem = catalog.require(ecosystem);
        if (subsystem.kind != SubsystemKind.UPDATES) {
            throw new InvalidMessageException("ecosystem", "'" + ecosystem
                    + "' reports readings of the host; there is nothing to dry-run or install");
        }
        return subsystem;
    }

    /** A dry run as an install or a decision sees it. */
    private record DryRun(UUID id, UUID agentId, String status, CommandParamsDTO params, String planHash, String requestedBy,
            String decision, String decidedBy, String decidedAt) {}

    private static final String DRY_RUN = "SELECT c.id, c.agent_id, c.status, c.params, r.body -> 'plan' ->> 'hash', "
            + "c.requested_by, a.decision, a.decided_by, a.decided_at FROM commands c "
            + "LEFT JOIN command_results r ON r.command_id = c.id LEFT JOIN approvals a ON a.dry_run_id = c.id "
            + "WHERE c.type = 'dry-run' ";

    private static DryRun dryRun(ResultSet rs) throws SQLException {
        return new DryRun((UUID) rs.getObject(1), (UUID) rs.getObject(2), rs.getString(3), Rows.fromJson(rs.getString(4), PARAMS),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Rows.iso(rs.getTimestamp(9)));
    }

    /**
     * An install carries a plan: one that a completed dry run on this very agent computed and reported, and that no one
     * rejected (and, where approvals are required, that someone approved). The agent still computes it again before
     * installing; this refuses at once what it would refuse only at its next check-in, and a plan nobody saw. Fills in
     * what the install left to its dry run.
     */
    private void approvedPlan(Connection c, UUID agentId, PackageCommandRequestDTO req) throws SQLException {
        DryRun d;
        if (req.dryRunId != null) {
            List<DryRun> found = Rows.query(c, DRY_RUN + "AND c.id = ?", List.of(UUID.fromString(req.dryRunId)),
                    JdbcCommandQueue::dryRun);
            if (found.isEmpty() || !found.get(0).agentId.equals(agentId)) {
                throw new CommandConflictException("dryRunId " + req.dryRunId + " names no dry run on this agent");
            }
            d = found.get(0);
            if (!"completed".equals(d.status) || d.planHash == null) {
                throw new CommandConflictException("dry run " + d.id + " has not computed a plan (it is " + d.status
                        + "): there is nothing to install yet");
            }
            if (req.planHash != null && !req.planHash.equals(d.planHash)) {
                throw new CommandConflictException("planHash " + req.planHash + " is not the plan of dry run " + d.id
                        + " (" + d.planHash + ")");
            }
            if (req.ecosystem != null && !req.ecosystem.equals(d.params.ecosystem)) {
                throw new CommandConflictException("dry run " + d.id + " was of " + d.params.ecosystem + ", not "
                        + req.ecosystem);
            }
            if (!req.packages.isEmpty() && !new java.util.HashSet<>(req.packages).equals(new java.util.HashSet<>(d.params.packages))) {
                throw new CommandConflictException("dry run " + d.id + " planned " + d.params.packages + ", not "
                        + req.packages);
            }
            updatesSubsystem(d.params.ecosystem);
            req.ecosystem = d.params.ecosystem;
            req.packages = d.params.packages;
            req.planHash = d.planHash;
        } else {
            // the approved dry run with this plan first, else the newest
            List<DryRun> found = Rows.query(c, DRY_RUN + "AND c.agent_id = ? AND c.ecosystem = ? AND c.status = 'completed' "
                    + "AND r.body -> 'plan' ->> 'hash' = ? ORDER BY CASE WHEN a.decision = 'approved' THEN 0 ELSE 1 END, c.created_at DESC "
                    + "LIMIT 1", List.of(agentId, req.ecosystem, req.planHash), JdbcCommandQueue::dryRun);
            if (found.isEmpty()) {
                throw new CommandConflictException("no completed dry run of " + req.ecosystem + " on this agent computed plan "
                        + req.planHash + ": run one (POST …/dry-runs) and install the plan hash its result shows");
            }
            d = found.get(0);
        }
        if (ApprovalDecision.REJECTED.toString().equals(d.decision)) {
            throw new CommandConflictException("the plan of dry run " + d.id + " was rejected by " + d.decidedBy + " at "
                    + d.decidedAt + "; run a new dry run to start over");
        }
        if (approvalsRequired && d.decision == null) {
            throw new CommandConflictException("installs need an approved plan on this server: the plan of dry run " + d.id
                    + " awaits a decision (POST /api/v1/approvals)" + (fourEyes ? " by someone other than " + d.requestedBy : ""));
        }
    }

    @Override
    public ApprovalDTO decide(String operator, ApprovalRequestDTO request, UUID jobId) {
        return db.inTransaction(c -> decide(c, operator, request, jobId));
    }

    @Override
    public ApprovalDTO decide(Connection c, String operator, ApprovalRequestDTO request, UUID jobId) throws SQLException {
        ApprovalRequestDTO req = MessageRules.check(request);
        UUID dryRunId = UUID.fromString(req.dryRunId);
        List<DryRun> found = Rows.query(c, DRY_RUN + "AND c.id = ? FOR UPDATE OF c", List.of(dryRunId),
                JdbcCommandQueue::dryRun);
        if (found.isEmpty()) {
            throw new UnknownCommandException(dryRunId + " (no dry run with this id)");
        }
        DryRun d = found.get(0);
        if (d.decision != null) {
            throw new CommandConflictException("the plan of dry run " + d.id + " was already " + d.decision + " by "
                    + d.decidedBy + " at " + d.decidedAt + "; a decision stands (run a new dry run to decide again)");
        }
        if (!"completed".equals(d.status) || d.planHash == null) {
            throw new CommandConflictException("dry run " + d.id + " has not computed a plan (it is " + d.status
                    + "): there is nothing to decide on" + ("pending".equals(d.status) || "delivered".equals(d.status)
                            ? " yet" : ""));
        }
        if (fourEyes && operator.equals(d.requestedBy)) {
            // in its own transaction: the refusal is kept though this one rolls back
            audit.securityEvent(operator, "approval.refused", "four-eyes rule: dry run " + d.id + " was asked for by "
                    + "the same operator");
            throw new CommandConflictException("four-eyes rule: " + operator + " asked for dry run " + d.id
                    + "; another operator must decide on its plan");
        }
        ApprovalDTO a = new ApprovalDTO();
        a.id = UUID.randomUUID().toString();
        a.dryRunId = d.id.toString();
        a.agentId = d.agentId.toString();
        a.ecosystem = d.params.ecosystem;
        a.packages = d.params.packages;
        a.planHash = d.planHash;
        a.decision = req.decision;
        a.requestedBy = d.requestedBy;
        a.decidedBy = operator;
        a.comment = req.comment;
        a.jobId = jobId == null ? null : jobId.toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO approvals (id, dry_run_id, agent_id, decision, "
                + "plan_hash, decided_by, comment, job_id) VALUES (?,?,?,?,?,?,?,?) RETURNING decided_at")) {
            ps.setObject(1, UUID.fromString(a.id));
            ps.setObject(2, d.id);
            ps.setObject(3, d.agentId);
            ps.setString(4, a.decision.toString());
            ps.setString(5, a.planHash);
            ps.setString(6, operator);
            ps.setString(7, a.comment);
            ps.setObject(8, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                a.decidedAt = Rows.iso(rs.getTimestamp(1));
            }
        }
        UpdateEvents.record(c, d.agentId, a.ecosystem, a.packages, a.decision == ApprovalDecision.APPROVED
                ? LifecycleState.APPROVED : LifecycleState.REJECTED, operator, a.dryRunId, a.planHash, a.comment, jobId);
        audit.append(c, operator, "approval." + a.decision, "agent=" + a.agentId + " dry-run=" + a.dryRunId + " plan="
                + a.planHash + " packages=" + a.packages, false);
        return a;
    }

    @Override
    public List<ApprovalDTO> approvals(UUID agentId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT a.id, a.dry_run_id, a.agent_id, c.params, a.plan_hash, a.decision, "
                + "c.requested_by, a.decided_by, a.decided_at, a.comment, a.job_id FROM approvals a "
                + "JOIN commands c ON c.id = a.dry_run_id WHERE true");
        List<Object> args = new ArrayList<>();
        if (agentId != null) {
            sql.append(" AND a.agent_id = ?");
            args.add(agentId);
        }
        sql.append(" ORDER BY a.decided_at DESC, a.id DESC LIMIT ?");
        args.add(limit);
        return db.inTransaction(c -> Rows.query(c, sql.toString(), args, rs -> {
            ApprovalDTO a = new ApprovalDTO();
            a.id = rs.getString(1);
            a.dryRunId = rs.getString(2);
            a.agentId = rs.getString(3);
            CommandParamsDTO p = Rows.fromJson(rs.getString(4), PARAMS);
            a.ecosystem = p.ecosystem;
            a.packages = p.packages;
            a.planHash = rs.getString(5);
            a.decision = ApprovalDecision.fromWire(rs.getString(6));
            a.requestedBy = rs.getString(7);
            a.decidedBy = rs.getString(8);
            a.decidedAt = Rows.iso(rs.getTimestamp(9));
            a.comment = rs.getString(10);
            a.jobId = rs.getString(11);
            return a;
        }));
    }

    @Override
    public List<UpdateEventDTO> history(UUID agentId, String ecosystem, String packageId, Long before, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agents WHERE id = ?")) {
                ps.setObject(1, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownAgentException(agentId.toString());
                    }
                }
            }
            return UpdateEvents.list(c, agentId, ecosystem, packageId, before, limit);
        });
    }

    @Override
    public CommandAcceptedDTO scan(String operator, UUID agentId, String ecosystem, UUID jobId) {
        return db.inTransaction(c -> scan(c, operator, agentId, ecosystem, jobId));
    }

    @Override
    public CommandAcceptedDTO scan(Connection c, String operator, UUID agentId, String ecosystem, UUID jobId)
            throws SQLException {
        catalog.require(ecosystem);
        CommandAcceptedDTO out = new CommandAcceptedDTO();
        out.status = CommandStatus.PENDING;
        out.commandId = scanCommand(c, operator, agentId, ecosystem, jobId, out);
        return out;
    }

    private String scanCommand(Connection c, String operator, UUID agentId, String ecosystem, UUID jobId,
            CommandAcceptedDTO out) throws SQLException {
        String config;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.enabled, s.config::text FROM agents a "
                + "LEFT JOIN agent_subsystems s ON s.agent_id = a.id AND s.ecosystem = ? WHERE a.id = ? "
                + "AND a.status = 'active' FOR UPDATE OF a")) {
            ps.setString(1, ecosystem);
            ps.setObject(2, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownAgentException(agentId + " (no active agent with this id)");
                }
                if (!rs.getBoolean(1)) {
                    throw new io.redflag.server.inventory.SubsystemDisabledException(ecosystem + " is not enabled on "
                            + "this agent; enable it first (PUT /api/v1/agents/" + agentId + "/subsystems/" + ecosystem + ")");
                }
                config = rs.getString(2);
            }
        }
        CommandParamsDTO params = new CommandParamsDTO();
        params.ecosystem = ecosystem;
        params.config = Rows.fromJson(config, CONFIG);
        String id = insertCommand(c, agentId, CommandType.SCAN, ecosystem, params, operator, jobId);
        if (id == null) {
            // one is under way already: that one is the answer
            List<String> open = Rows.query(c, "SELECT id FROM commands WHERE agent_id = ? AND type = 'scan' "
                    + "AND ecosystem = ? AND status IN ('pending', 'delivered')", List.of(agentId, ecosystem),
                    rs -> rs.getString(1));
            if (open.isEmpty()) {
                throw new CommandConflictException("a scan of " + ecosystem + " just finished on this agent; ask again");
            }
            out.status = CommandStatus.DELIVERED;
            return open.get(0);
        }
        try (PreparedStatement ps = c.prepareStatement(CommandRows.RESCHEDULE)) {
            ps.setLong(1, -1);
            ps.setLong(2, -1);
            ps.setLong(3, -1);
            ps.setObject(4, agentId);
            ps.setString(5, ecosystem);
            ps.executeUpdate();
        }
        audit.append(c, operator, "command.scan", "agent=" + agentId + " command=" + id + " ecosystem=" + ecosystem
                + (jobId == null ? "" : " job=" + jobId), false);
        return id;
    }

    /** The agent would refuse it: its local policy (what it said at its last check-in) does not accept this action. */
    private static void refuseOutsidePolicy(String acceptsJson, CommandType type) {
        if (acceptsJson == null) {
            return; // an agent too old to say accepts everything
        }
        List<AgentAction> accepts = Rows.fromJson(acceptsJson, ACCEPTS);
        AgentAction action = type == CommandType.INSTALL ? AgentAction.INSTALL : AgentAction.DRY_RUN;
        if (!accepts.contains(action)) {
            throw new CommandConflictException("the agent's local policy does not accept " + action + " (it accepts "
                    + accepts.stream().map(AgentAction::toString).toList() + "); it would refuse the command. Its own "
                    + "configuration decides this (redflag-agent run --accept), not the server");
        }
    }

    @Override
    public List<CommandDTO> list(UUID agentId, CommandType type, CommandStatus status, UUID before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.agent_id, c.type, c.ecosystem, c.params, c.status, c.created_at, "
                + "c.delivered_at, c.completed_at, c.requested_by, c.job_id, NULL AS result FROM commands c WHERE true");
        List<Object> args = new ArrayList<>();
        if (agentId != null) {
            sql.append(" AND c.agent_id = ?");
            args.add(agentId);
        }
        if (type != null) {
            sql.append(" AND c.type = ?");
            args.add(type.toString());
        }
        if (status != null) {
            sql.append(" AND c.status = ?");
            args.add(status.toString());
        }
        if (before != null) {
            // newest first, stable under inserts: the page goes on after the command it ended with
            sql.append(" AND (c.created_at, c.id) < (SELECT created_at, id FROM commands WHERE id = ?)");
            args.add(before);
        }
        sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
        args.add(limit);
        return db.inTransaction(c -> {
            if (before != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM commands WHERE id = ?")) {
                    ps.setObject(1, before);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new InvalidMessageException("before", "names no command: " + before);
                        }
                    }
                }
            }
            return Rows.query(c, sql.toString(), args, JdbcCommandQueue::command);
        });
    }

    private static CommandDTO command(ResultSet rs) throws SQLException {
        CommandDTO d = new CommandDTO();
        d.id = rs.getString("id");
        d.agentId = rs.getString("agent_id");
        d.type = CommandType.fromWire(rs.getString("type"));
        d.ecosystem = rs.getString("ecosystem");
        d.params = Rows.fromJson(rs.getString("params"), new TypeReference<CommandParamsDTO>() {});
        d.status = CommandStatus.fromWire(rs.getString("status"));
        d.createdAt = Rows.iso(rs.getTimestamp("created_at"));
        d.deliveredAt = Rows.iso(rs.getTimestamp("delivered_at"));
        d.completedAt = Rows.iso(rs.getTimestamp("completed_at"));
        d.requestedBy = rs.getString("requested_by");
        d.jobId = rs.getString("job_id");
        String result = rs.getString("result");
        d.result = result == null ? null : Rows.fromJson(result, new TypeReference<CommandResultDTO>() {});
        return d;
    }

    @Override
    public CommandDTO describe(UUID commandId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(CommandRows.DESCRIBE)) {
                ps.setObject(1, commandId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownCommandException(commandId);
                    }
                    return command(rs);
                }
            }
        });
    }

    /** Signs and queues a command, unless one of its kind is already open for that subsystem; returns its id or null. */
    private String insertCommand(Connection c, UUID agentId, CommandType type, String ecosystem, CommandParamsDTO params,
            String requestedBy, UUID jobId) throws SQLException {
        SignedCommandDTO cmd = new SignedCommandDTO();
        cmd.id = UUID.randomUUID().toString();
        cmd.agentId = agentId.toString();
        cmd.type = type.toString();
        cmd.params = Rows.json(params);
        cmd.issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        signer.sign(cmd);
        try (PreparedStatement ps = c.prepareStatement(CommandRows.INSERT)) {
            ps.setObject(1, UUID.fromString(cmd.id));
            ps.setObject(2, agentId);
            ps.setString(3, cmd.type);
            ps.setString(4, ecosystem);
            ps.setString(5, cmd.params);
            ps.setString(6, cmd.issuedAt);
            ps.setString(7, cmd.keyId);
            ps.setString(8, cmd.signature);
            ps.setString(9, requestedBy);
            ps.setObject(10, jobId);
            return ps.executeUpdate() == 1 ? cmd.id : null;
        }
    }

    private static List<SignedCommandDTO> openCommands(Connection c, UUID agentId) throws SQLException {
        List<SignedCommandDTO> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CommandRows.HAND_OUT)) {
            ps.setObject(1, agentId);
            ps.setLong(2, REDELIVER_AFTER_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SignedCommandDTO cmd = new SignedCommandDTO();
                    cmd.id = rs.getString("id");
                    cmd.agentId = rs.getString("agent_id");
                    cmd.type = rs.getString("type");
                    cmd.params = rs.getString("params");
                    cmd.issuedAt = rs.getString("issued_at");
                    cmd.keyId = rs.getString("key_id");
                    cmd.signature = rs.getString("signature");
                    out.add(cmd);
                }
            }
        }
        return out;
    }

    @Override
    public ResultAckDTO storeResult(UUID agentId, CommandResultDTO result, String keyThumbprint, String proof,
            byte[] signedBody) {
        CommandResultDTO r = MessageRules.check(result);
        UUID commandId = UUID.fromString(r.commandId);
        boolean fresh = db.inTransaction(c -> {
            String type;
            String ecosystem;
            String status;
            String params;
            UUID jobId;
            try (PreparedStatement ps = c.prepareStatement(CommandRows.FOR_RESULT)) {
                ps.setObject(1, commandId);
                ps.setObject(2, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownCommandException(commandId + " for this agent");
                    }
                    if (!"active".equals(rs.getString(4))) {
                        throw new AgentNotActiveException(agentId); // revoked: refused at once, even with a valid token
                    }
                    if (keyThumbprint != null && !keyThumbprint.equals(rs.getString(5))) {
                        throw new AgentNotActiveException(agentId, "this result is signed by a key the agent no longer has "
                                + "(it was rebound); refused");
                    }
                    type = rs.getString(1);
                    ecosystem = rs.getString(2);
                    status = rs.getString(3);
                    params = rs.getString(6);
                    jobId = (UUID) rs.getObject(7);
                }
            }
            CommandStatus now = CommandStatus.fromWire(status);
            if (now != CommandStatus.PENDING && now != CommandStatus.DELIVERED) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO command_results (command_id, agent_id, status, body, "
                    + "proof, signed_body) VALUES (?,?,?,?::jsonb,?,?)")) {
                ps.setObject(1, commandId);
                ps.setObject(2, agentId);
                ps.setString(3, r.status.toString());
                ps.setString(4, Rows.json(r));
                ps.setString(5, proof);
                ps.setBytes(6, proof == null ? null : signedBody);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE commands SET status = ?, completed_at = now() WHERE id = ?")) {
                ps.setString(1, CommandStatus.fromWire(r.status.toString()).toString());
                ps.setObject(2, commandId);
                ps.executeUpdate();
            }
            if (r.status == ResultStatus.REFUSED) {
                audit.append(c, "agent:" + agentId, "command.refused-by-agent",
                        "command " + commandId + " (" + type + "): " + r.message, true);
            }
            if (CommandType.fromWire(type) == CommandType.SCAN && ecosystem != null) {
                storeScanOutcome(c, agentId, ecosystem, r);
            } else if (CommandType.fromWire(type) == CommandType.DRY_RUN || CommandType.fromWire(type) == CommandType.INSTALL) {
                recordOutcome(c, agentId, CommandType.fromWire(type), Rows.fromJson(params, PARAMS), r, jobId);
            }
            return true;
        });
        if (r.status == ResultStatus.REFUSED) {
            SECURITY.warn("security event: agent {} refused command {}: {}", agentId, commandId, LogText.safe(r.message));
        }
        ResultAckDTO ack = new ResultAckDTO();
        ack.acknowledged = r.commandId;
        ack.duplicate = !fresh;
        return ack;
    }

    /** How a dry run or an install ended, in the history of each package it was for. */
    private static void recordOutcome(Connection c, UUID agentId, CommandType type, CommandParamsDTO params,
            CommandResultDTO r, UUID jobId) throws SQLException {
        LifecycleState state;
        String detail;
        if (r.status == ResultStatus.COMPLETED) {
            state = type == CommandType.DRY_RUN ? LifecycleState.PLANNED : LifecycleState.INSTALLED;
            detail = type == CommandType.DRY_RUN
                    ? "plan of " + (r.plan == null ? 0 : r.plan.changes.size()) + " change(s)"
                    : r.install != null && r.install.message != null ? r.install.message : r.message;
        } else {
            state = LifecycleState.FAILED;
            String what = type == CommandType.DRY_RUN ? "dry run " : "install ";
            String why = r.install != null && r.install.message != null ? r.install.message : r.message;
            detail = what + r.status + (why == null ? "" : ": " + why);
        }
        String planHash = r.plan != null && r.plan.hash != null ? r.plan.hash : params.planHash;
        UpdateEvents.record(c, agentId, params.ecosystem, params.packages, state, "agent:" + agentId, r.commandId,
                planHash, detail, jobId);
    }

    /** A completed scan replaces the records; any other outcome only says how the subsystem's run went. */
    private void storeScanOutcome(Connection c, UUID agentId, String ecosystem, CommandResultDTO r) throws SQLException {
        if (r.status == ResultStatus.COMPLETED && r.scan != null) {
            inventory.storeScan(c, agentId, ecosystem, r.scan);
            SubsystemStatus status = r.scan.status == null ? SubsystemStatus.UNKNOWN : SubsystemStatus.fromWire(r.scan.status.name());
            inventory.markSubsystem(c, agentId, ecosystem, status, r.scan.message);
        } else {
            SubsystemStatus status = switch (r.status) {
                case FAILED -> SubsystemStatus.FAILED;
                case REFUSED -> SubsystemStatus.REFUSED;
                default -> SubsystemStatus.UNKNOWN;
            };
            inventory.markSubsystem(c, agentId, ecosystem, status, r.message);
        }
    }
}
