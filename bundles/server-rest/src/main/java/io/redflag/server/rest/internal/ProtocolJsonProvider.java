// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;

/**
 * The API's JSON: the protocol's own mapping ({@link ProtocolJson}), tolerant of fields and enum
 * constants a newer peer adds. A body that cannot be read is a 400 naming the field and the problem; an
 * empty body reads as no body, which each route handles (required, or defaults).
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ProtocolJsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return json(mediaType) && type != String.class && type != byte[].class && !InputStream.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        PushbackInputStream in = new PushbackInputStream(entity, 1);
        int first = in.read();
        if (first == -1) {
            return null;
        }
        in.unread(first);
        try {
            return ProtocolJson.mapper().readValue(in, ProtocolJson.mapper().constructType(genericType));
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    /**
     * A body a resource took as bytes (to check a signature over exactly them) read as {@code type}, with the same
     * refusals as any other body; empty reads as null.
     */
    static <T> T parse(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return ProtocolJson.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new WebApplicationException(ErrorBodies.of(400, "bad_request", "body is not readable JSON"));
        }
    }

    private static WebApplicationException unreadable(JsonProcessingException e) {
        InvalidMessageException problem = ProtocolJson.describe(e);
        // an entity makes JAX-RS use this response as it is, without another round of mapping
        return new WebApplicationException(problem.getMessage(), ErrorBodies.of(400, "bad_request", problem.getMessage()));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return json(mediaType) && type != String.class && type != byte[].class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        ProtocolJson.mapper().writeValue(new NonClosing(out), value);
    }

    private static boolean json(MediaType m) {
        return m == null || m.isWildcardType() || "json".equalsIgnoreCase(m.getSubtype()) || m.getSubtype().endsWith("+json");
    }

    /** Jackson closes what it writes to by default; the container owns the response stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
