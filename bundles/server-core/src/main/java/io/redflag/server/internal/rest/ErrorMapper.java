// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.redflag.server.internal.db.StoreException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a JSON error with the right status: refusals keep their 4xx and say why,
 * malformed JSON is a 400, a database outage a 503, and only a real bug a 500 (logged, with no
 * stack trace in the response).
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Throwable t = e;
        // CXF wraps body-reader failures; the JSON problem underneath is what the caller must fix
        while (t.getCause() != null && !(t instanceof ApiException) && !(t instanceof JsonProcessingException)) {
            if (t instanceof WebApplicationException && !(t.getCause() instanceof JsonProcessingException)) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof ApiException) {
            ApiException a = (ApiException) t;
            return ErrorBodies.of(a.status(), a.error(), a.getMessage());
        }
        if (t instanceof UnrecognizedPropertyException) {
            return ErrorBodies.of(400, "bad_request",
                    "unknown field '" + ((UnrecognizedPropertyException) t).getPropertyName() + "'");
        }
        if (t instanceof JsonProcessingException) {
            return ErrorBodies.of(400, "bad_request", "malformed JSON: " + ((JsonProcessingException) t).getOriginalMessage());
        }
        if (t instanceof StoreException) {
            LOG.warn("database unavailable: {}", t.getMessage());
            return ErrorBodies.of(503, "store_unavailable", "the database is unavailable; retry later");
        }
        if (t instanceof WebApplicationException) {
            Response r = ((WebApplicationException) t).getResponse();
            int status = r.getStatus();
            String error = Response.Status.fromStatusCode(status) == null ? "error"
                    : Response.Status.fromStatusCode(status).name().toLowerCase(java.util.Locale.ROOT);
            String detail = status == 404 ? "no such resource" : status == 405 ? "method not allowed here"
                    : status == 415 ? "send application/json" : status == 406 ? "this API answers in application/json"
                    : t.getMessage();
            if (status >= 500) {
                LOG.error("request failed", t);
            }
            return ErrorBodies.of(status, error, detail);
        }
        LOG.error("unexpected error serving a request", e);
        return ErrorBodies.of(500, "internal_error", "unexpected server error; see the server log");
    }
}
