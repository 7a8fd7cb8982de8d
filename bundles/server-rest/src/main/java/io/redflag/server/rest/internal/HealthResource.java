// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.HealthDTO;
import io.redflag.server.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * GET /api/v1/health: 200 when the database answers and the whole API is up, 503 otherwise (for load balancers,
 * scripts and agents: a server that is still assembling its routes is not ready).
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final Database db;
    private final ApiReadiness readiness;

    @Activate
    public HealthResource(@Reference Database db, @Reference ApiReadiness readiness) {
        this.db = db;
        this.readiness = readiness;
    }

    @GET
    @PublicRoute
    @Answers(body = HealthDTO.class, refusals = 503)
    public Response health() {
        HealthDTO body = new HealthDTO();
        String starting = readiness.missing();
        boolean up = starting == null;
        body.api = up ? "ok" : "starting: " + starting;
        try (Connection c = db.dataSource().getConnection()) {
            boolean ok = c.isValid(2);
            body.database = ok ? "ok" : "not answering";
            body.status = !ok ? "degraded" : up ? "ok" : "starting";
            Response.ResponseBuilder answer = Response.status(ok && up ? 200 : 503).entity(body);
            return (up ? answer : answer.header("Retry-After", StartupGate.RETRY_AFTER_SECONDS)).build();
        } catch (SQLException e) {
            body.status = "degraded";
            body.database = "unavailable";
            return Response.status(503).entity(body).header("Retry-After", StoreUnavailableMapper.RETRY_AFTER_SECONDS).build();
        }
    }
}
