// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.redflag.protocol.json.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;

/** How rows hold what the protocol carries: instants as ISO-8601 UTC text, bodies as the protocol's JSON. */
public final class Rows {

    private Rows() {}

    /** An instant on the wire: ISO-8601 UTC, or null. */
    public static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    /** A protocol value as the JSON text stored in a {@code jsonb} or {@code text} column. */
    public static String json(Object value) {
        try {
            return ProtocolJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a protocol value: " + value.getClass().getSimpleName(), e);
        }
    }

    /** Lower-case hex SHA-256 of a text's UTF-8 bytes: a digest to compare stored values by. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A stored JSON text read back (tolerantly: written by this or a newer server). Null for null.
     *
     * @throws IllegalStateException when the stored text is not JSON of that shape: a bug, not bad input
     */
    public static <T> T fromJson(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return ProtocolJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON no longer reads as " + type.getType() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One row of a result as a value. */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /**
     * Runs a query built from filters: the arguments bound in order ({@code String[]} as a {@code text[]}), every row
     * mapped. For the listing routes whose WHERE clause depends on which filters were given.
     */
    public static <T> java.util.List<T> query(java.sql.Connection c, String sql, java.util.List<Object> args, Mapper<T> mapper)
            throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object v = args.get(i);
                if (v instanceof String[] a) {
                    ps.setArray(i + 1, c.createArrayOf("text", a));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            java.util.List<T> out = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }
}
