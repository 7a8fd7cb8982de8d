// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.MessageRules;
import io.redflag.protocol.RegistrationTokenInfoDTO;
import io.redflag.protocol.RegistrationTokenRequestDTO;
import io.redflag.server.identity.Enrolment;
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

/** /api/v1/registration-tokens: create (seats, expiry; the secret shown once), list, revoke. */
@Component(service = RegistrationTokensResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/registration-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RegistrationTokensResource {

    private final Enrolment enrolment;

    @Activate
    public RegistrationTokensResource(@Reference Enrolment enrolment) {
        this.enrolment = enrolment;
    }

    @GET
    @OperatorRoute
    public List<RegistrationTokenInfoDTO> list() {
        return enrolment.registrationTokens();
    }

    @DELETE
    @Path("{id}")
    @OperatorRoute
    public RegistrationTokenInfoDTO revoke(@PathParam("id") String id, @Context SecurityContext caller) {
        return enrolment.revokeRegistrationToken(caller.getUserPrincipal().getName(),
                UUID.fromString(MessageRules.uuid(id, "registration token id")));
    }

    @POST
    @OperatorRoute
    @Answers(status = 201, body = io.redflag.protocol.RegistrationTokenDTO.class)
    public Response create(RegistrationTokenRequestDTO req, @Context SecurityContext caller) {
        return Response.status(Response.Status.CREATED)
                .entity(enrolment.createRegistrationToken(caller.getUserPrincipal().getName(), req)).build();
    }
}
