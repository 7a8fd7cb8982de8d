// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** Refusals of the REST layer itself (authentication, body size), with their own status. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Response r = ErrorBodies.of(e.status(), e.error(), e.getMessage());
        return e.retryAfterSeconds() > 0 ? Response.fromResponse(r).header("Retry-After", e.retryAfterSeconds()).build() : r;
    }
}
