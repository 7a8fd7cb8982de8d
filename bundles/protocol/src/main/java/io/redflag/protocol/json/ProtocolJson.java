// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.WireEnums;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Reads and writes protocol messages. Unknown fields are ignored; an enum constant this side does not
 * know reads as the enum's {@code UNKNOWN}; enums are written in their wire form ({@code toString()});
 * text holding a NUL character is refused (no peer needs one, and PostgreSQL cannot store it).
 */
public final class ProtocolJson {

    private static final ObjectMapper MAPPER = newMapper();

    private ProtocolJson() {}

    /** The shared, configured mapper; thread-safe as long as nobody reconfigures it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper configured as {@link #mapper()}, for callers that add configuration of their own. */
    public static ObjectMapper newMapper() {
        SimpleModule module = new SimpleModule("redflag-protocol");
        TolerantEnums readers = new TolerantEnums();
        readers.addDeserializer(String.class, new NulFreeStrings());
        module.setDeserializers(readers);
        ObjectMapper m = new ObjectMapper();
        m.registerModule(module);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        return m;
    }

    /**
     * What was wrong with a message that could not be read, in words for the sender: the field as a
     * JSON path and the problem, never a Java type name.
     */
    public static InvalidMessageException describe(JsonProcessingException e) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return new InvalidMessageException(null, "malformed JSON: more content after the JSON value");
        }
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            String field = path(jm);
            if (jm.getCause() instanceof JsonProcessingException inner && !(inner instanceof JsonMappingException)) {
                // the parser itself failed inside this field (bad UTF-8, a broken escape…)
                return new InvalidMessageException(field, "is not valid JSON text: " + inner.getOriginalMessage());
            }
            if (jm instanceof InvalidFormatException f) {
                return new InvalidMessageException(field, "cannot be " + quote(f.getValue()) + ": expected " + expected(f.getTargetType()));
            }
            if (jm instanceof MismatchedInputException mi && mi.getTargetType() != null && !mi.getTargetType().equals(String.class)) {
                return new InvalidMessageException(field, "has the wrong JSON type: expected " + expected(mi.getTargetType()));
            }
            return new InvalidMessageException(field, String.valueOf(jm.getOriginalMessage()).startsWith(NulFreeStrings.PROBLEM)
                    ? NulFreeStrings.PROBLEM : "has the wrong JSON type");
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return new InvalidMessageException(null, "the body must be " + expected(mi.getTargetType()));
        }
        String msg = String.valueOf(e.getOriginalMessage());
        int cut = msg.indexOf(" at [");
        return new InvalidMessageException(null, "malformed JSON: " + (cut > 0 ? msg.substring(0, cut) : msg));
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return b.toString();
    }

    private static String quote(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "an object" : "a value";
    }

    /** Text as Jackson reads it, minus NUL characters. */
    static final class NulFreeStrings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;
        static final String PROBLEM = "contains a NUL character (U+0000)";

        NulFreeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw JsonMappingException.from(p, PROBLEM);
            }
            return s;
        }
    }

    /** Enums by wire form or name, ignoring case; an unknown constant reads as {@code UNKNOWN}. */
    static final class TolerantEnums extends SimpleDeserializers {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config, BeanDescription desc) {
            return new EnumReader(type);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class EnumReader extends StdScalarDeserializer<Enum> {
        private static final long serialVersionUID = 1L;
        private final Class type;

        EnumReader(Class<?> type) {
            super(Enum.class);
            this.type = type;
        }

        @Override
        public Enum deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Enum) ctxt.handleUnexpectedToken(type, p);
            }
            String text = p.getText();
            try {
                return WireEnums.parse(type, text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, type);
            }
        }
    }
}
