// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reading of metadata JSON: every wrong shape becomes a {@link Reason#MALFORMED} naming the role and field,
 * never a NullPointerException or ClassCastException further on.
 */
public final class Json {

    /**
     * Duplicate keys are refused: two parsers could keep different values, and then what was signed is not what is
     * used. Trailing content after the document is refused for the same reason.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Parses a JSON object. */
    public static ObjectNode parseObject(byte[] data, String role) throws TufException {
        JsonNode node;
        try {
            node = MAPPER.readTree(data);
        } catch (IOException | RuntimeException e) {
            throw malformed(role, "not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw malformed(role, "not a JSON object");
        }
        return (ObjectNode) node;
    }

    public static TufException malformed(String role, String message) {
        return new TufException(Reason.MALFORMED, role, (role == null ? "" : role + ": ") + message);
    }

    public static JsonNode required(JsonNode parent, String field, String role) throws TufException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw malformed(role, "missing field '" + field + "'");
        }
        return value;
    }

    public static ObjectNode object(JsonNode parent, String field, String role) throws TufException {
        JsonNode value = required(parent, field, role);
        if (!value.isObject()) {
            throw malformed(role, "'" + field + "' is not an object");
        }
        return (ObjectNode) value;
    }

    public static List<JsonNode> array(JsonNode parent, String field, String role) throws TufException {
        JsonNode value = required(parent, field, role);
        if (!value.isArray()) {
            throw malformed(role, "'" + field + "' is not an array");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    public static String string(JsonNode parent, String field, String role) throws TufException {
        JsonNode value = required(parent, field, role);
        if (!value.isTextual()) {
            throw malformed(role, "'" + field + "' is not a string");
        }
        return value.textValue();
    }

    /** A list of strings, in order. */
    public static List<String> strings(JsonNode parent, String field, String role) throws TufException {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array(parent, field, role)) {
            if (!item.isTextual()) {
                throw malformed(role, "'" + field + "' holds a non-string");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** An integer (no fraction, fits a long) of at least {@code min}. */
    public static long integer(JsonNode parent, String field, long min, String role) throws TufException {
        return integerValue(required(parent, field, role), field, min, role);
    }

    public static long integerValue(JsonNode value, String field, long min, String role) throws TufException {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(role, "'" + field + "' is not an integer");
        }
        long v = value.longValue();
        if (v < min) {
            throw malformed(role, "'" + field + "' is " + v + ", less than " + min);
        }
        return v;
    }

    public static boolean bool(JsonNode parent, String field, boolean absent, String role) throws TufException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw malformed(role, "'" + field + "' is not a boolean");
        }
        return value.booleanValue();
    }

    /** An ISO-8601 UTC date-time such as {@code 2030-01-01T00:00:00Z}. */
    public static Instant instant(JsonNode parent, String field, String role) throws TufException {
        String text = string(parent, field, role);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(role, "'" + field + "' is not an ISO-8601 UTC date-time: " + text);
        }
    }

    /** How metadata writes a date-time: whole seconds, UTC, {@code Z}. */
    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
