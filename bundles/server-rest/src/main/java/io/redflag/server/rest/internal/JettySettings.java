// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ErrorDTO;
import io.redflag.protocol.json.ProtocolJson;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Component;

/**
 * What Felix's Jetty has no setting for. Its own error answers in the API's JSON shape: requests it refuses before
 * they reach the API (malformed percent-encoding, headers over the limit) and anything else it answers itself. And
 * no per-connection header cache: with many agents' distinct tokens on one connection (a proxy, a load generator)
 * it was cleared over and over, ≈ 29 % of the server's CPU samples in the check-in benchmark. The one hook that sees
 * Jetty's {@link Server} is a {@link ConnectorFactory}, so this is one: it changes the server and contributes an
 * in-memory connector, which nothing outside the JVM can reach.
 */
@Component(service = ConnectorFactory.class)
public final class JettySettings implements ConnectorFactory {

    @Override
    public Connector createConnector(Server server) {
        server.setErrorHandler(new JsonErrorHandler());
        for (Connector c : server.getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setHeaderCacheSize(0);
            }
        }
        return new LocalConnector(server);
    }

    /** {@code {"error": "bad_request", "detail": "…"}}, never HTML, never a stack trace. */
    static final class JsonErrorHandler extends ErrorHandler {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object status = request.getAttribute(ERROR_STATUS);
            int code = status instanceof Integer i ? i : response.getStatus();
            Object message = request.getAttribute(ERROR_MESSAGE);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(ERROR_CACHE_CONTROL);
            response.write(true, body(code, message == null ? null : message.toString()), callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return body(status, reason);
        }

        static ByteBuffer body(int status, String reason) {
            String name = HttpStatus.getMessage(status);
            String error = name == null ? "error" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            String detail = reason == null || reason.isBlank() ? (name == null ? "HTTP " + status : name) : reason;
            try {
                return ByteBuffer.wrap(ProtocolJson.mapper().writeValueAsBytes(ErrorDTO.of(error, detail)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return ByteBuffer.wrap(("{\"error\":\"" + error + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }
}
