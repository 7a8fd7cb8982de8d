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

/** GET /api/v1/health: 200 when the database answers, 503 otherwise (for load balancers). */
@Component(service = HealthResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final Database db;

    @Activate
    public HealthResource(@Reference Database db) {
        this.db = db;
    }

    @GET
    @PublicRoute
    @Answers(body = HealthDTO.class, refusals = 503)
    public Response health() {
        HealthDTO body = new HealthDTO();
        try (Connection c = db.dataSource().getConnection()) {
            boolean ok = c.isValid(2);
            body.status = ok ? "ok" : "degraded";
            body.database = ok ? "ok" : "not answering";
            return Response.status(ok ? 200 : 503).entity(body).build();
        } catch (SQLException e) {
            body.status = "degraded";
            body.database = "unavailable";
            return Response.status(503).entity(body).header("Retry-After", StoreUnavailableMapper.RETRY_AFTER_SECONDS).build();
        }
    }
}
