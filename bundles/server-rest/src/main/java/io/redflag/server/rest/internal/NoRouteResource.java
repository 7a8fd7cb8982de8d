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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Whatever no other resource matches: a 404 in the API's JSON error shape naming the route, instead of the JAX-RS
 * runtime's HTML page. JAX-RS prefers paths with more literal characters, so every real route wins over this one.
 * It comes up only after every resource of this bundle is there: while the API is still being assembled, an
 * unmatched request gets the runtime's page, which {@link StartupGate} answers as 503 (retry), not as a misleading
 * 404 for a route that is about to exist.
 */
@Component(service = NoRouteResource.class)
@JaxrsResource
@JSONRequired
@Path("{path: .*}")
@Produces(MediaType.APPLICATION_JSON)
@PublicRoute
public final class NoRouteResource {

    // held only so that this component waits for all of them (see the class comment)
    @Reference
    AgentsResource agents;
    @Reference
    AgentUpdatesResource agentUpdates;
    @Reference
    ArtifactsResource artifacts;
    @Reference
    ApiDocsResource docs;
    @Reference
    CommandsResource commands;
    @Reference
    HealthResource health;
    @Reference
    InfoResource info;
    @Reference
    OpenApiResource openApi;
    @Reference
    OperatorTokensResource operatorTokens;
    @Reference
    PublicKeyResource publicKey;
    @Reference
    RegistrationTokensResource registrationTokens;
    @Reference
    SubsystemsResource subsystems;
    @Reference
    UpdateKeysResource updateKeys;
    @Reference
    UpdatePublishersResource updatePublishers;
    @Reference
    ApprovalsResource approvals;
    @Reference
    AuditResource audit;
    @Reference
    CoresResource cores;
    @Reference
    FleetResource fleet;
    @Reference
    InstallResource install;
    @Reference
    JobsResource jobs;
    @Reference
    MetricsResource metrics;

    @GET
    public void get(@PathParam("path") String path) {
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

    private static ApiException none(String method, String path) {
        String shown = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return new ApiException(404, "no_route", "no route " + method + " /" + shown + "; see /api/v1/openapi.json");
    }
}
