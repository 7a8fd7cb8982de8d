// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.PublisherDTO;
import io.redflag.server.artifacts.UpdateMetadata;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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

/**
 * /api/v1/updates/publishers: plug-in publishers as delegated roles of the update repository. Admins add one (its
 * public keys, threshold and namespaces) and upload the targets metadata the publisher signed with its own keys,
 * exactly as signed (any TUF tooling writes it); agents then trust bundles of those namespaces only as the publisher
 * signed them.
 */
@Component(service = UpdatePublishersResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/updates/publishers")
@Produces(MediaType.APPLICATION_JSON)
public final class UpdatePublishersResource {

    private final UpdateMetadata metadata;

    @Activate
    public UpdatePublishersResource(@Reference UpdateMetadata metadata) {
        this.metadata = metadata;
    }

    @GET
    @OperatorRoute
    public List<PublisherDTO> publishers() {
        return metadata.publishers();
    }

    @POST
    @OperatorRoute(admin = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @Answers(status = 201, body = PublisherDTO.class, refusals = 409)
    public Response add(PublisherDTO publisher, @Context SecurityContext caller) {
        return Response.status(201).entity(metadata.addPublisher(caller.getUserPrincipal().getName(), publisher)).build();
    }

    /** The publisher's signed targets metadata, byte for byte as it signed it. */
    @PUT
    @Path("{name}/targets")
    @OperatorRoute(admin = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @Answers(request = Object.class)
    public PublisherDTO targets(@PathParam("name") String name, byte[] signedTargets, @Context SecurityContext caller) {
        return metadata.acceptTargets(caller.getUserPrincipal().getName(), name, signedTargets);
    }
}
