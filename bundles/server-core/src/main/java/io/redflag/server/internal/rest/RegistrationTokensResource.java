// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import io.redflag.server.internal.Enrolment;
import io.redflag.server.internal.rest.Messages.RegistrationTokenRequest;
import java.time.Duration;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
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

/** POST /api/v1/registration-tokens (operator): a token with seats and an expiry, shown once. */
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

    @POST
    public Response create(RegistrationTokenRequest req, @Context SecurityContext caller) {
        RegistrationTokenRequest r = req == null ? new RegistrationTokenRequest() : req;
        Map<String, Object> token = enrolment.createRegistrationToken(caller.getUserPrincipal().getName(),
                r.seats == null ? 1 : r.seats, Duration.ofSeconds(r.expiresInSeconds == null ? 86400 : r.expiresInSeconds),
                Messages.optional(r.note, "note", 500));
        return Response.status(201).entity(token).build();
    }
}
