// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

import io.redflag.protocol.LifecycleState;
import io.redflag.protocol.UpdateEventDTO;
import io.redflag.server.store.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The history of updates per agent and package: one row per step, written in the transaction that took the step (a
 * request, a result, a decision), so the history never claims what did not happen. Versions are taken from the pending
 * record the step was about, as the last scan reported it.
 */
final class UpdateEvents {

    private static final String INSERT = "INSERT INTO update_events (agent_id, ecosystem, package_id, state, actor, "
            + "command_id, plan_hash, detail, job_id, from_version, to_version) "
            + "SELECT ?, ?, p, ?, ?, ?, ?, ?, ?, u.installed_version, u.available_version FROM unnest(?::text[]) AS p "
            + "LEFT JOIN pending_updates u ON u.agent_id = ? AND u.ecosystem = ? AND u.package_id = p";

    private UpdateEvents() {}

    /** One event per package, all alike. */
    static void record(Connection c, UUID agentId, String ecosystem, List<String> packages, LifecycleState state,
            String actor, String commandId, String planHash, String detail, UUID jobId) throws SQLException {
        if (packages == null || packages.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, agentId);
            ps.setString(2, ecosystem);
            ps.setString(3, state.toString());
            ps.setString(4, actor);
            ps.setObject(5, commandId == null ? null : UUID.fromString(commandId));
            ps.setString(6, planHash);
            ps.setString(7, detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) + " …" : detail);
            ps.setObject(8, jobId);
            ps.setArray(9, c.createArrayOf("text", packages.toArray()));
            ps.setObject(10, agentId);
            ps.setString(11, ecosystem);
            ps.executeUpdate();
        }
    }

    /** Newest first; {@code before}: the id the previous page ended with. */
    static List<UpdateEventDTO> list(Connection c, UUID agentId, String ecosystem, String packageId, Long before, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, agent_id, ecosystem, package_id, state, at, actor, command_id, "
                + "plan_hash, from_version, to_version, detail, job_id FROM update_events WHERE agent_id = ?");
        List<Object> args = new ArrayList<>(List.of(agentId));
        if (ecosystem != null) {
            sql.append(" AND ecosystem = ?");
            args.add(ecosystem);
        }
        if (packageId != null) {
            sql.append(" AND package_id = ?");
            args.add(packageId);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return Rows.query(c, sql.toString(), args, UpdateEvents::event);
    }

    private static UpdateEventDTO event(ResultSet rs) throws SQLException {
        UpdateEventDTO e = new UpdateEventDTO();
        e.id = rs.getLong("id");
        e.agentId = rs.getString("agent_id");
        e.ecosystem = rs.getString("ecosystem");
        e.packageId = rs.getString("package_id");
        e.state = LifecycleState.fromWire(rs.getString("state"));
        e.at = Rows.iso(rs.getTimestamp("at"));
        e.actor = rs.getString("actor");
        e.commandId = rs.getString("command_id");
        e.planHash = rs.getString("plan_hash");
        e.fromVersion = rs.getString("from_version");
        e.toVersion = rs.getString("to_version");
        e.detail = rs.getString("detail");
        e.jobId = rs.getString("job_id");
        return e;
    }
}
