// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.MessageRules;
import io.redflag.protocol.OperatorTokenDTO;
import io.redflag.protocol.OperatorTokenRequestDTO;
import io.redflag.server.identity.Operators;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** /api/v1/operator-tokens, for admins: a token per person or tool with a role (the secret shown once), list, revoke. */
@Component(service = OperatorTokensResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/operator-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OperatorTokensResource {

    private final Operators operators;

    @Activate
    public OperatorTokensResource(@Reference Operators operators) {
        this.operators = operators;
    }

    @GET
    @OperatorRoute(admin = true)
    public List<OperatorTokenDTO> list() {
        return operators.list();
    }

    @POST
    @OperatorRoute(admin = true)
    @Answers(status = 201, body = OperatorTokenDTO.class)
    public Response create(OperatorTokenRequestDTO req, @Context SecurityContext caller) {
        return Response.status(Response.Status.CREATED).entity(operators.create(caller.getUserPrincipal().getName(), req))
                .build();
    }

    @DELETE
    @Path("{id}")
    @OperatorRoute(admin = true)
    @Answers(refusals = 409)
    public OperatorTokenDTO revoke(@PathParam("id") String id, @Context SecurityContext caller) {
        return operators.revoke(caller.getUserPrincipal().getName(), UUID.fromString(MessageRules.uuid(id, "operator token id")));
    }
}
