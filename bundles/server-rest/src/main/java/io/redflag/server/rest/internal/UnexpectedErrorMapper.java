// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.util.Locale;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whatever no other mapper takes: the JAX-RS runtime's own refusals (404 no route, 405, 406, 415) keep
 * their status with a message for people, and anything else is a bug: 500, logged, with no stack trace or
 * class name in the response.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String error = known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
            String detail = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed here";
                case 406 -> "this API answers in application/json";
                case 415 -> "send application/json";
                default -> error.replace('_', ' ');
            };
            return ErrorBodies.of(status, error, detail);
        }
        if (clientGone(e)) {
            // the caller closed the connection while its answer was written: nobody is left to answer, nothing is wrong
            LOG.debug("client went away before its answer was written: {}", e.toString());
            return ErrorBodies.of(499, "client_closed", "the client closed the connection");
        }
        LOG.error("unexpected error serving a request", e);
        return ErrorBodies.of(500, "internal_error", "unexpected server error; see the server log");
    }

    /** A write to a connection the client closed (Jetty's EofException, a broken pipe or reset). */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage());
            if (type.equals("EofException") || t instanceof java.io.IOException
                    && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
