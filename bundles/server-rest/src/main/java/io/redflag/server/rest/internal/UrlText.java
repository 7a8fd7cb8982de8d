// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.util.List;
import java.util.Map;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.MultivaluedMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Refuses a query or path parameter holding a NUL character with 400 naming it, for every route at once: bodies are
 * checked by the protocol's JSON mapping, and no parameter needs one (PostgreSQL cannot even compare with it, which
 * would otherwise surface as a database failure).
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JSONRequired
@Priority(Priorities.AUTHENTICATION - 90)
public final class UrlText implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext req) {
        refuseNul(req.getUriInfo().getQueryParameters(), "query parameter");
        refuseNul(req.getUriInfo().getPathParameters(), "path parameter");
    }

    private static void refuseNul(MultivaluedMap<String, String> params, String what) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            boolean nul = e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0);
            if (nul) {
                throw new ApiException(400, "bad_request", what + " '" + e.getKey().replace('\0', '?')
                        + "' contains a NUL character (U+0000)");
            }
        }
    }
}
