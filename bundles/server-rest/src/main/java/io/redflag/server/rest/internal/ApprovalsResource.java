// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ApprovalDTO;
import io.redflag.protocol.ApprovalRequestDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.server.commands.CommandQueue;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * POST /api/v1/approvals: approve or reject the plan of one completed dry run (once; under the four-eyes rule, not by
 * whoever asked for the dry run); GET /api/v1/approvals: decisions newest first, optionally of one agent.
 */
@Component(service = ApprovalsResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public final class ApprovalsResource {

    private final CommandQueue commands;

    @Activate
    public ApprovalsResource(@Reference CommandQueue commands) {
        this.commands = commands;
    }

    @POST
    @OperatorRoute
    @Answers(status = 201, body = ApprovalDTO.class, refusals = 409)
    public Response decide(ApprovalRequestDTO req, @Context SecurityContext caller) {
        return Response.status(Response.Status.CREATED)
                .entity(commands.decide(caller.getUserPrincipal().getName(), req, null)).build();
    }

    @GET
    @OperatorRoute
    public List<ApprovalDTO> list(@QueryParam("agentId") String agentId, @QueryParam("limit") String limit) {
        return commands.approvals(agentId == null ? null : UUID.fromString(MessageRules.uuid(agentId, "agentId")),
                CommandsResource.limit(limit, 100, CommandsResource.MAX_PAGE));
    }
}
