// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

import io.redflag.protocol.AgentDTO;
import io.redflag.protocol.AgentStatus;
import io.redflag.protocol.ApprovalDecision;
import io.redflag.protocol.ApprovalRequestDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.JobAction;
import io.redflag.protocol.JobAgentDTO;
import io.redflag.protocol.JobAgentState;
import io.redflag.protocol.JobCountsDTO;
import io.redflag.protocol.JobDTO;
import io.redflag.protocol.JobRequestDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.protocol.PackageCommandRequestDTO;
import io.redflag.protocol.SelectionDTO;
import io.redflag.protocol.SubsystemDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.SubsystemKind;
import io.redflag.server.commands.CommandConflictException;
import io.redflag.server.commands.CommandQueue;
import io.redflag.server.commands.Jobs;
import io.redflag.server.commands.UnknownCommandException;
import io.redflag.server.commands.UnknownJobException;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.SubsystemCatalog;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk jobs over PostgreSQL. A job's agents are resolved once when it starts; each agent's command (or decision) is
 * made through the command queue in its own transaction, then recorded as the job's, so progress is the state of those
 * commands. A refusal for one agent is that agent's "skipped", never the job's failure.
 */
@Component(service = Jobs.class)
public final class JdbcJobs implements Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobs.class);

    private final Database db;
    private final CommandQueue commands;
    private final Inventory inventory;
    private final SubsystemCatalog catalog;
    private final AuditLog audit;

    @Activate
    public JdbcJobs(@Reference Database db, @Reference CommandQueue commands, @Reference Inventory inventory,
            @Reference SubsystemCatalog catalog, @Reference AuditLog audit) {
        this.db = db;
        this.commands = commands;
        this.inventory = inventory;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** One agent the job acts on; {@code dryRun}: the command of the source job's agent (approve, reject, install). */
    private record Target(UUID agentId, String hostname, UUID dryRun, String skipped) {}

    @Override
    public JobDTO start(String operator, JobRequestDTO request) {
        JobRequestDTO req = MessageRules.check(request);
        UUID source = req.jobId == null ? null : UUID.fromString(req.jobId);
        String ecosystem = req.ecosystem;
        List<String> packages = req.packages;
        List<Target> targets;
        if (source == null) {
            SubsystemDTO subsystem = catalog.require(ecosystem);
            if (req.action == JobAction.DRY_RUN && subsystem.kind != SubsystemKind.UPDATES) {
                throw new InvalidMessageException("ecosystem", "'" + ecosystem
                        + "' reports readings of the host; there is nothing to dry-run or install");
            }
            targets = select(req.selection);
        } else {
            JobDTO dryRuns = job(source);
            if (dryRuns.action != JobAction.DRY_RUN) {
                throw new CommandConflictException("job " + source + " is a " + dryRuns.action + " job; " + req.action
                        + " acts on the plans of a dry-run job");
            }
            ecosystem = dryRuns.ecosystem;
            packages = dryRuns.packages;
            targets = new ArrayList<>();
            for (JobAgentDTO a : dryRuns.agents) {
                targets.add(new Target(UUID.fromString(a.agentId), a.hostname,
                        a.commandId == null ? null : UUID.fromString(a.commandId),
                        a.commandId == null ? "no dry run in job " + source + (a.message == null ? "" : ": " + a.message)
                                : null));
            }
        }
        if (targets.isEmpty()) {
            throw new CommandConflictException("the selection matches no active agent; nothing to do");
        }
        UUID jobId = UUID.randomUUID();
        String eco = ecosystem;
        List<String> pkgs = packages;
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, action, ecosystem, packages, source_job, "
                    + "comment, created_by) VALUES (?,?,?,?,?,?,?)")) {
                ps.setObject(1, jobId);
                ps.setString(2, req.action.toString());
                ps.setString(3, eco);
                ps.setArray(4, c.createArrayOf("text", pkgs.toArray()));
                ps.setObject(5, source);
                ps.setString(6, req.comment);
                ps.setString(7, operator);
                ps.executeUpdate();
            }
            audit.append(c, operator, "job." + req.action, "job=" + jobId + " agents=" + targets.size()
                    + (eco == null ? "" : " ecosystem=" + eco) + (pkgs.isEmpty() ? "" : " packages=" + pkgs)
                    + (source == null ? "" : " source=" + source), false);
            return null;
        });
        Map<UUID, List<String>> pending = req.action == JobAction.DRY_RUN ? pending(eco, pkgs, targets) : Map.of();
        // a few hundred agents per transaction, each behind a savepoint: one commit per chunk, not per agent, and a
        // refusal undoes only that agent's part
        for (int from = 0; from < targets.size(); from += CHUNK) {
            List<Target> chunk = targets.subList(from, Math.min(targets.size(), from + CHUNK));
            db.inTransaction(c -> {
                for (Target t : chunk) {
                    part(c, operator, jobId, req, eco, t, pending.getOrDefault(t.agentId, List.of()));
                }
                return null;
            });
        }
        return job(jobId);
    }

    /** Agents per transaction while a job starts. */
    static final int CHUNK = 250;

    /** One agent's part: its command or decision, or why it has none; recorded whatever happened. */
    private void part(Connection c, String operator, UUID jobId, JobRequestDTO req, String ecosystem, Target t,
            List<String> pending) throws SQLException {
        UUID command = null;
        UUID approval = null;
        List<String> packages = List.of();
        String skipped = t.skipped;
        if (skipped == null) {
            Savepoint before = c.setSavepoint();
            try {
                switch (req.action) {
                    case SCAN -> command = UUID.fromString(commands.scan(c, operator, t.agentId, ecosystem, jobId).commandId);
                    case DRY_RUN -> {
                        if (pending.isEmpty()) {
                            skipped = "none of the packages is pending on this agent";
                        } else {
                            PackageCommandRequestDTO r = new PackageCommandRequestDTO();
                            r.ecosystem = ecosystem;
                            r.packages = pending;
                            packages = pending;
                            command = UUID.fromString(commands.request(c, operator, t.agentId, CommandType.DRY_RUN, r,
                                    jobId).commandId);
                        }
                    }
                    case APPROVE, REJECT -> {
                        ApprovalRequestDTO r = new ApprovalRequestDTO();
                        r.dryRunId = t.dryRun.toString();
                        r.decision = req.action == JobAction.APPROVE ? ApprovalDecision.APPROVED : ApprovalDecision.REJECTED;
                        r.comment = req.comment;
                        approval = UUID.fromString(commands.decide(c, operator, r, jobId).id);
                    }
                    case INSTALL -> {
                        PackageCommandRequestDTO r = new PackageCommandRequestDTO();
                        r.dryRunId = t.dryRun.toString();
                        command = UUID.fromString(commands.request(c, operator, t.agentId, CommandType.INSTALL, r, jobId)
                                .commandId);
                    }
                    default -> throw new IllegalStateException(String.valueOf(req.action));
                }
                c.releaseSavepoint(before);
            } catch (RuntimeException e) {
                if (!refusal(e)) {
                    throw e; // the database is gone, or a bug: the job stops here, with the chunks before it recorded
                }
                // a refusal (not active, policy, conflict, rule): this agent's, not the job's
                c.rollback(before);
                command = null;
                approval = null;
                packages = List.of();
                skipped = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                LOG.debug("job {}: agent {} skipped: {}", jobId, t.agentId, skipped);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_agents (job_id, agent_id, command_id, approval_id, "
                + "packages, skipped) VALUES (?,?,?,?,?,?)")) {
            ps.setObject(1, jobId);
            ps.setObject(2, t.agentId);
            ps.setObject(3, command);
            ps.setObject(4, approval);
            ps.setArray(5, c.createArrayOf("text", packages.toArray()));
            ps.setString(6, skipped == null ? null : skipped.length() > 2000 ? skipped.substring(0, 2000) + " …" : skipped);
            ps.executeUpdate();
        }
    }

    /** Whether the command queue refused an agent's part for a reason of its own (not a failure of the server). */
    private static boolean refusal(RuntimeException e) {
        return e instanceof CommandConflictException || e instanceof UnknownCommandException
                || e instanceof io.redflag.server.inventory.UnknownAgentException
                || e instanceof io.redflag.server.inventory.SubsystemDisabledException
                || e instanceof io.redflag.server.inventory.UnknownSubsystemException || e instanceof InvalidMessageException;
    }

    /** The active agents a selection names, by hostname. */
    private List<Target> select(SelectionDTO s) {
        List<Target> out = new ArrayList<>();
        if (!s.agentIds.isEmpty()) {
            List<UUID> ids = s.agentIds.stream().map(UUID::fromString).toList();
            Map<UUID, String[]> found = new HashMap<>();
            db.inTransaction(c -> {
                Rows.query(c, "SELECT id, hostname, status FROM agents WHERE id = ANY (?::uuid[])",
                        List.of((Object) ids.stream().map(UUID::toString).toArray(String[]::new)),
                        rs -> found.put((UUID) rs.getObject(1), new String[] {rs.getString(2), rs.getString(3)}));
                return null;
            });
            List<String> unknown = ids.stream().filter(id -> !found.containsKey(id)).map(UUID::toString).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidMessageException("selection.agentIds", "names no agent: " + String.join(", ",
                        unknown.subList(0, Math.min(5, unknown.size()))) + (unknown.size() > 5 ? " …" : ""));
            }
            for (UUID id : ids) {
                String[] f = found.get(id);
                out.add(new Target(id, f[0], null, "active".equals(f[1]) ? null : "the agent is " + f[1]));
            }
            return out;
        }
        Inventory.AgentFilter filter = new Inventory.AgentFilter(s.tag, s.online, s.os,
                s.severity == null ? null : Severity.fromLabel(s.severity));
        for (AgentDTO a : inventory.agents(filter)) {
            if (a.status == AgentStatus.ACTIVE) {
                out.add(new Target(UUID.fromString(a.id), a.hostname, null, null));
            }
        }
        if (out.size() > MessageRules.MAX_JOB_AGENTS) {
            throw new InvalidMessageException("selection", "matches " + out.size() + " agents; at most "
                    + MessageRules.MAX_JOB_AGENTS + " per job (narrow it with a tag or filters)");
        }
        return out;
    }

    /** Per agent, which of the packages it has pending in the ecosystem (in the order the job names them). */
    private Map<UUID, List<String>> pending(String ecosystem, List<String> packages, List<Target> targets) {
        Map<UUID, List<String>> out = new HashMap<>();
        String[] agents = targets.stream().map(t -> t.agentId.toString()).toArray(String[]::new);
        db.inTransaction(c -> {
            Rows.query(c, "SELECT agent_id, package_id FROM pending_updates WHERE ecosystem = ? AND kind = 'UPDATES' "
                    + "AND package_id = ANY (?) AND agent_id = ANY (?::uuid[])",
                    List.of(ecosystem, packages.toArray(new String[0]), agents),
                    rs -> out.computeIfAbsent((UUID) rs.getObject(1), k -> new ArrayList<>()).add(rs.getString(2)));
            return null;
        });
        out.replaceAll((agent, found) -> packages.stream().filter(found::contains).toList());
        return out;
    }

    private static final String PROGRESS = "SELECT ja.agent_id, a.hostname, ja.command_id, ja.approval_id, ja.packages, "
            + "ja.skipped, c.status, r.body ->> 'message', ap.decision FROM job_agents ja JOIN agents a ON a.id = ja.agent_id "
            + "LEFT JOIN commands c ON c.id = ja.command_id LEFT JOIN command_results r ON r.command_id = ja.command_id "
            + "LEFT JOIN approvals ap ON ap.id = ja.approval_id WHERE ja.job_id = ? ORDER BY a.hostname, ja.agent_id";

    @Override
    public JobDTO job(UUID jobId) {
        return db.inTransaction(c -> {
            List<JobDTO> found = Rows.query(c, JOBS + "WHERE j.id = ?", List.of(jobId), JdbcJobs::job);
            if (found.isEmpty()) {
                throw new UnknownJobException(jobId);
            }
            JobDTO job = found.get(0);
            job.agents = Rows.query(c, PROGRESS, List.of(jobId), JdbcJobs::agent);
            job.counts = new JobCountsDTO();
            for (JobAgentDTO a : job.agents) {
                count(job.counts, a.state, 1);
            }
            job.finished = job.counts.queued == 0 && job.counts.running == 0;
            return job;
        });
    }

    private static JobAgentDTO agent(ResultSet rs) throws SQLException {
        JobAgentDTO a = new JobAgentDTO();
        a.agentId = rs.getString(1);
        a.hostname = rs.getString(2);
        a.commandId = rs.getString(3);
        a.approvalId = rs.getString(4);
        a.packages = texts(rs.getArray(5));
        String skipped = rs.getString(6);
        String status = rs.getString(7);
        a.message = rs.getString(8);
        if (skipped != null) {
            a.state = JobAgentState.SKIPPED;
            a.message = skipped;
        } else if (a.approvalId != null) {
            a.state = JobAgentState.COMPLETED;
            a.message = rs.getString(9);
        } else {
            a.state = state(status);
            if (a.state == JobAgentState.SKIPPED) {
                a.message = "its command is gone";
            }
        }
        return a;
    }

    /** A job agent's state from its command's (null: the command was deleted). */
    static JobAgentState state(String commandStatus) {
        if (commandStatus == null) {
            return JobAgentState.SKIPPED;
        }
        return switch (commandStatus) {
            case "pending" -> JobAgentState.QUEUED;
            case "delivered" -> JobAgentState.RUNNING;
            case "completed" -> JobAgentState.COMPLETED;
            default -> JobAgentState.FAILED;
        };
    }

    private static void count(JobCountsDTO counts, JobAgentState state, int n) {
        counts.total += n;
        switch (state) {
            case QUEUED -> counts.queued += n;
            case RUNNING -> counts.running += n;
            case COMPLETED -> counts.completed += n;
            case FAILED -> counts.failed += n;
            default -> counts.skipped += n;
        }
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? new ArrayList<>() : new ArrayList<>(List.of((String[]) array.getArray()));
    }

    private static final String JOBS = "SELECT j.id, j.action, j.ecosystem, j.packages, j.source_job, j.comment, "
            + "j.created_by, j.created_at FROM jobs j ";

    private static JobDTO job(ResultSet rs) throws SQLException {
        JobDTO j = new JobDTO();
        j.id = rs.getString(1);
        j.action = JobAction.fromWire(rs.getString(2));
        j.ecosystem = rs.getString(3);
        j.packages = texts(rs.getArray(4));
        j.sourceJobId = rs.getString(5);
        j.comment = rs.getString(6);
        j.createdBy = rs.getString(7);
        j.createdAt = Rows.iso(rs.getTimestamp(8));
        return j;
    }

    @Override
    public List<JobDTO> jobs(UUID before, int limit) {
        return db.inTransaction(c -> {
            List<Object> args = new ArrayList<>();
            String where = "";
            if (before != null) {
                if (Rows.query(c, "SELECT 1 FROM jobs WHERE id = ?", List.of(before), rs -> 1).isEmpty()) {
                    throw new InvalidMessageException("before", "names no job: " + before);
                }
                where = "WHERE (j.created_at, j.id) < (SELECT created_at, id FROM jobs WHERE id = ?) ";
                args.add(before);
            }
            args.add(limit);
            List<JobDTO> jobs = Rows.query(c, JOBS + where + "ORDER BY j.created_at DESC, j.id DESC LIMIT ?", args,
                    JdbcJobs::job);
            Map<String, JobDTO> byId = new LinkedHashMap<>();
            for (JobDTO j : jobs) {
                j.counts = new JobCountsDTO();
                byId.put(j.id, j);
            }
            if (!jobs.isEmpty()) {
                Rows.query(c, "SELECT ja.job_id, ja.skipped IS NOT NULL, ja.approval_id IS NOT NULL, c.status, count(*) "
                        + "FROM job_agents ja LEFT JOIN commands c ON c.id = ja.command_id WHERE ja.job_id = ANY (?::uuid[]) "
                        + "GROUP BY 1, 2, 3, 4", List.of((Object) byId.keySet().toArray(new String[0])), rs -> {
                            JobAgentState s = rs.getBoolean(2) ? JobAgentState.SKIPPED
                                    : rs.getBoolean(3) ? JobAgentState.COMPLETED : state(rs.getString(4));
                            count(byId.get(rs.getString(1)).counts, s, rs.getInt(5));
                            return null;
                        });
            }
            for (JobDTO j : jobs) {
                j.finished = j.counts.queued == 0 && j.counts.running == 0;
            }
            return jobs;
        });
    }
}
