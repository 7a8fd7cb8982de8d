// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

/** The SQL of the command queue, in one place. */
final class CommandRows {

    private CommandRows() {}

    /**
     * The bundles an agent reports (parameters: digest, digest, JSON, digest, applied desired state): their JSON is parsed and
     * written only when the digest differs from the stored one; an agent that reports none keeps what was stored. Then
     * what it accepts, its breakers and its host's figures (JSON each): kept as they were when it sends none.
     */
    private static final String BUNDLES = "bundles = CASE WHEN ?::text IS NULL OR bundles_sha = ? THEN bundles ELSE ?::jsonb END, "
            + "bundles_sha = coalesce(?, bundles_sha), applied_desired_state = coalesce(?, applied_desired_state), "
            + "accepts = coalesce(?::jsonb, accepts), breakers = coalesce(?::jsonb, breakers), "
            + "host_metrics = coalesce(?::jsonb, host_metrics), platform = coalesce(?, platform), "
            + "core_updates = coalesce(?::jsonb, core_updates) ";

    /** Until when the agent is in heartbeat mode: the heartbeat's end while it lasts, else null. */
    private static final String HEARTBEAT = "RETURNING CASE WHEN heartbeat_until > now() THEN heartbeat_until END";

    /**
     * The agent was seen, reporting the version it had before (or none): the one statement of almost every check-in.
     * No row when it is not active, the caller's key is not the agent's, or it reports another version; {@link #VERSION}
     * then tells which.
     */
    static final String SEEN = "UPDATE agents SET last_seen_at = now(), failed_scanners = ?::jsonb, quarantined_results = ?, "
            + "report_sha = ?, " + BUNDLES + "WHERE id = ? AND status = 'active' AND (?::text IS NULL OR key_thumbprint = ?) "
            + "AND (?::text IS NULL OR agent_version = ?) " + HEARTBEAT;

    /**
     * The usual check-in: an active agent, the caller's key its key, the version it had, and the same report as last time
     * (by digest). A row (with its heartbeat's end, or null) when so: then nothing is written but, behind, the time.
     */
    static final String UNCHANGED = "SELECT CASE WHEN heartbeat_until > now() THEN heartbeat_until END FROM agents "
            + "WHERE id = ? AND status = 'active' AND (?::text IS NULL OR key_thumbprint = ?) AND agent_version = ? "
            + "AND report_sha = ?";

    /**
     * The usual check-in asked in one read, outside any transaction: a row when the agent is active, the caller's key its
     * key, and its version and report (by digest) the same as last time, with its heartbeat's end (or null) and whether
     * anything waits for it: a subsystem due (or unavailable, and its scanner now reported), a command open. Only when
     * something waits, or no row comes, does the check-in take its transaction. Parameters: the scanners the agent
     * reports, the redelivery delay in seconds, agent id, key thumbprint twice, version, report digest.
     */
    static final String QUIET = "SELECT CASE WHEN a.heartbeat_until > now() THEN a.heartbeat_until END, "
            + "EXISTS (SELECT 1 FROM agent_subsystems s WHERE s.agent_id = a.id AND s.enabled AND (s.next_run_at <= now() "
            + "OR (s.last_status = 'unavailable' AND s.ecosystem = ANY (?)))) "
            + "OR EXISTS (SELECT 1 FROM commands c WHERE c.agent_id = a.id AND (c.status = 'pending' "
            + "OR (c.status = 'delivered' AND c.delivered_at < now() - make_interval(secs => ?)))) "
            + "FROM agents a WHERE a.id = ? AND a.status = 'active' AND (?::text IS NULL OR a.key_thumbprint = ?) "
            + "AND a.agent_version = ? AND a.report_sha = ?";

    /** Status and version of an agent whose check-in changed its version (or is not active). */
    static final String VERSION = "SELECT status, agent_version, key_thumbprint FROM agents WHERE id = ? FOR UPDATE";

    /** An agent that reports a newer version than before. */
    static final String UPGRADED = "UPDATE agents SET last_seen_at = now(), failed_scanners = ?::jsonb, quarantined_results = ?, "
            + "report_sha = ?, " + BUNDLES + ", agent_version = ? WHERE id = ? " + HEARTBEAT;

    /** Whether a core update is in flight for an agent. */
    static final String OPEN_CORE_UPDATE = "SELECT 1 FROM commands WHERE agent_id = ? AND type = 'core-update' "
            + "AND status IN ('pending', 'delivered')";

    /** Starts (until the given time) or ends (null) an agent's heartbeat mode. */
    static final String SET_HEARTBEAT = "UPDATE agents SET heartbeat_until = ? WHERE id = ? AND status = 'active'";

    /**
     * Due subsystems of one agent, locked so that two nodes serving its check-ins never both schedule them; a subsystem
     * marked unavailable whose scanner the agent now reports (a plug-in just swapped in) is due at once.
     */
    static final String DUE = "SELECT ecosystem, config::text FROM agent_subsystems WHERE agent_id = ? AND enabled "
            + "AND (next_run_at <= now() OR (last_status = 'unavailable' AND ecosystem = ANY (?))) FOR UPDATE SKIP LOCKED";

    /**
     * Next run after the subsystem's interval, or after the given seconds when that is not negative; a subsystem whose
     * scan was just handed out is no longer unavailable (its scanner is there), so it is not scheduled again at once.
     */
    static final String RESCHEDULE = "UPDATE agent_subsystems SET next_run_at = now() + "
            + "make_interval(secs => CASE WHEN ? >= 0 THEN ? ELSE interval_seconds END), "
            + "last_status = CASE WHEN ? < 0 AND last_status = 'unavailable' THEN NULL ELSE last_status END "
            + "WHERE agent_id = ? AND ecosystem = ?";

    static final String INSERT = "INSERT INTO commands (id, agent_id, type, ecosystem, params, issued_at, key_id, signature, "
            + "requested_by, job_id) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    /** Open commands of one agent, oldest first, including those handed out long ago and never answered. */
    static final String HAND_OUT = "UPDATE commands SET status = 'delivered', delivered_at = now(), "
            + "deliveries = deliveries + 1 WHERE id IN (SELECT id FROM commands WHERE agent_id = ? AND "
            + "(status = 'pending' OR (status = 'delivered' AND delivered_at < now() - make_interval(secs => ?))) "
            + "ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, agent_id, type, params, issued_at, key_id, signature";

    /** The command a result answers, locked, with its agent's status (a revoked agent's results are refused). */
    static final String FOR_RESULT = "SELECT c.type, c.ecosystem, c.status, a.status, a.key_thumbprint, c.params, c.job_id "
            + "FROM commands c "
            + "JOIN agents a ON a.id = c.agent_id WHERE c.id = ? AND c.agent_id = ? FOR UPDATE OF c";

    static final String DESCRIBE = "SELECT c.id, c.agent_id, c.type, c.ecosystem, c.params, c.status, c.created_at, "
            + "c.delivered_at, c.completed_at, c.requested_by, c.job_id, r.body::text AS result FROM commands c "
            + "LEFT JOIN command_results r ON r.command_id = c.id WHERE c.id = ?";
}
