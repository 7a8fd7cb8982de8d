// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.CoreReleaseDTO;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.ArtifactRepository.CorePublication;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/cores: releases of the agent's core per platform. Admins publish the runnable agent jar for a platform (201
 * new, 200 these very bytes already there, 409 that version with other bytes); the release is signed into the update
 * repository and offered to agents through core-update orders.
 */
@Component(service = CoresResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/cores")
@Produces(MediaType.APPLICATION_JSON)
public final class CoresResource {

    private final ArtifactRepository repository;

    @Activate
    public CoresResource(@Reference ArtifactRepository repository) {
        this.repository = repository;
    }

    @POST
    @Path("{platform}")
    @OperatorRoute(admin = true)
    @StreamedBody
    @Consumes({ArtifactsResource.JAR, MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
    @Answers(status = 201, body = CoreReleaseDTO.class, refusals = 409)
    public Response publish(@PathParam("platform") String platform, InputStream jar, @Context SecurityContext caller,
            @Context UriInfo uri) {
        CorePublication p = repository.publishCore(caller.getUserPrincipal().getName(), platform, jar);
        if (!p.created()) {
            return Response.ok(p.release()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(p.release().version).build()).entity(p.release()).build();
    }

    @GET
    @OperatorRoute
    public List<CoreReleaseDTO> list(@QueryParam("platform") String platform) {
        return repository.cores(platform == null || platform.isBlank() ? null : platform.trim());
    }

    @GET
    @Path("{platform}/{version}")
    @OperatorRoute
    public CoreReleaseDTO get(@PathParam("platform") String platform, @PathParam("version") String version) {
        return repository.core(platform, version);
    }

    @POST
    @Path("{platform}/{version}/retire")
    @OperatorRoute(admin = true)
    public CoreReleaseDTO retire(@PathParam("platform") String platform, @PathParam("version") String version,
            @Context SecurityContext caller) {
        return repository.retireCore(caller.getUserPrincipal().getName(), platform, version);
    }
}
