// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory.internal;

import io.redflag.protocol.ReadingRecordDTO;
import io.redflag.protocol.WireEnums;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.Severity;
import io.redflag.server.store.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readings of hosts: a scan of a subsystem of readings replaces what the agent's host read before. Agents before api
 * 1.2 send readings as update records (the value in {@code installedVersion}, "87%"): they are read into this shape.
 */
final class Readings {

    /** "87%", "0.42", "2960", "12 GiB": a number and what follows it. */
    private static final Pattern NUMBER = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([^0-9\\s][^\\s]{0,20})?\\s*");

    private static final String UPSERT = "INSERT INTO agent_readings (agent_id, ecosystem, reading_id, name, value, unit, "
            + "text_value, severity, detail, source) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (agent_id, ecosystem, reading_id) "
            + "DO UPDATE SET name = excluded.name, value = excluded.value, unit = excluded.unit, text_value = excluded.text_value, "
            + "severity = excluded.severity, detail = excluded.detail, source = excluded.source, observed_at = now()";

    private Readings() {}

    /** What a report says as readings: its readings, or its update records read as readings (an older agent). */
    static List<ReadingDTO> of(ScanReportDTO report) {
        if (report.readings != null && !report.readings.isEmpty()) {
            return report.readings;
        }
        List<ReadingDTO> out = new ArrayList<>();
        for (PackageUpdateDTO u : report.updates == null ? List.<PackageUpdateDTO>of() : report.updates) {
            String id = u.id != null ? u.id : u.name;
            if (id == null || u.installedVersion == null) {
                continue;
            }
            ReadingDTO r = new ReadingDTO();
            r.id = id;
            r.name = u.name != null ? u.name : id;
            Matcher m = NUMBER.matcher(u.installedVersion);
            if (m.matches()) {
                r.value = Double.valueOf(m.group(1));
                r.unit = m.group(2);
            } else {
                r.text = u.installedVersion;
            }
            r.detail = u.availableVersion;
            r.source = u.source;
            r.severity = u.severity;
            out.add(r);
        }
        return out;
    }

    /** Makes the agent's readings of the ecosystem those of the report. */
    static void store(Connection c, UUID agentId, String ecosystem, ScanReportDTO report) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (ReadingDTO r : of(report)) {
                if (r.id == null || !ids.add(r.id)) {
                    continue; // duplicates count once
                }
                ps.setObject(1, agentId);
                ps.setString(2, ecosystem);
                ps.setString(3, r.id);
                ps.setString(4, r.name != null ? r.name : r.id);
                if (r.value == null || !Double.isFinite(r.value)) {
                    ps.setNull(5, Types.DOUBLE);
                } else {
                    ps.setDouble(5, r.value);
                }
                ps.setString(6, r.unit);
                ps.setString(7, r.text);
                ps.setString(8, (r.severity == null ? Severity.UNKNOWN : r.severity).name());
                ps.setString(9, r.detail);
                ps.setString(10, r.source);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_readings WHERE agent_id = ? AND ecosystem = ? "
                + "AND NOT (reading_id = ANY (?))")) {
            ps.setObject(1, agentId);
            ps.setString(2, ecosystem);
            ps.setArray(3, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    static List<ReadingRecordDTO> list(Connection c, UUID agentId, String ecosystem) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(agentId));
        if (ecosystem != null) {
            args.add(ecosystem);
        }
        return Rows.query(c, "SELECT * FROM agent_readings WHERE agent_id = ?" + (ecosystem != null ? " AND ecosystem = ?" : "")
                + " ORDER BY ecosystem, reading_id", args, Readings::reading);
    }

    private static ReadingRecordDTO reading(ResultSet rs) throws SQLException {
        ReadingRecordDTO r = new ReadingRecordDTO();
        r.ecosystem = rs.getString("ecosystem");
        r.id = rs.getString("reading_id");
        r.name = rs.getString("name");
        double v = rs.getDouble("value");
        r.value = rs.wasNull() ? null : v;
        r.unit = rs.getString("unit");
        r.text = rs.getString("text_value");
        r.severity = WireEnums.parse(Severity.class, rs.getString("severity"));
        r.detail = rs.getString("detail");
        r.source = rs.getString("source");
        r.observedAt = Rows.iso(rs.getTimestamp("observed_at"));
        return r;
    }
}
