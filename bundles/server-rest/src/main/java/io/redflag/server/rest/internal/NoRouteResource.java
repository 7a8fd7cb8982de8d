// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Whatever no other resource matches: a 404 in the API's JSON error shape naming the route, instead of the JAX-RS
 * runtime's HTML page. JAX-RS prefers paths with more literal characters, so every real route wins over this one.
 * While the API is still being assembled ({@link ApiReadiness}) it answers 503 (retry) instead: not a misleading 404
 * for a route that is about to exist.
 */
@Component(service = NoRouteResource.class)
@JaxrsResource
@JSONRequired
@Path("{path: .*}")
@Produces(MediaType.APPLICATION_JSON)
@PublicRoute
public final class NoRouteResource {

    private final ApiReadiness readiness;

    @Activate
    public NoRouteResource(@Reference ApiReadiness readiness) {
        this.readiness = readiness;
    }

    /** The server's root is the console's first page (served by the console bundle); anything else is no route. */
    @GET
    public Response get(@PathParam("path") String path) {
        if (path.isEmpty() && readiness.missing() == null) {
            return Response.seeOther(java.net.URI.create("/console/index.html")).build();
        }
        throw none(HttpMethod.GET, path);
    }

    @POST
    public void post(@PathParam("path") String path) {
        throw none(HttpMethod.POST, path);
    }

    @PUT
    public void put(@PathParam("path") String path) {
        throw none(HttpMethod.PUT, path);
    }

    @DELETE
    public void delete(@PathParam("path") String path) {
        throw none(HttpMethod.DELETE, path);
    }

    @PATCH
    public void patch(@PathParam("path") String path) {
        throw none("PATCH", path);
    }

    /** 404 naming the route; or, while the API is still being assembled, 503: the route may be about to exist. */
    private ApiException none(String method, String path) {
        String starting = readiness.missing();
        if (starting != null) {
            return ApiException.unavailable("the server is starting (" + starting + " up)", StartupGate.RETRY_AFTER_SECONDS);
        }
        String shown = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return new ApiException(404, "no_route", "no route " + method + " /" + shown + "; see /api/v1/openapi.json");
    }
}
