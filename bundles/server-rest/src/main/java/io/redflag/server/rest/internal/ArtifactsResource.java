// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.BundlePinDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.protocol.Routes;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.ArtifactRepository.Content;
import io.redflag.server.artifacts.ArtifactRepository.Publication;
import io.redflag.server.artifacts.DesiredStates;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
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
 * /api/v1/artifacts: the artifact repository. Admins publish a bundle by sending its bytes (201 when new, 200
 * when exactly these bytes were there, 409 when that version holds other bytes) and retire versions; operators
 * list them and download their bytes, whole or by range.
 */
@Component(service = ArtifactsResource.class)
@JaxrsResource
@JSONRequired
@Path(Routes.ARTIFACTS)
@Produces(MediaType.APPLICATION_JSON)
public final class ArtifactsResource {

    static final String JAR = "application/java-archive";
    private final ArtifactRepository repository;
    private final DesiredStates desiredStates;
    private final io.redflag.server.inventory.Inventory inventory;

    @Activate
    public ArtifactsResource(@Reference ArtifactRepository repository, @Reference DesiredStates desiredStates,
            @Reference io.redflag.server.inventory.Inventory inventory) {
        this.inventory = inventory;
        this.repository = repository;
        this.desiredStates = desiredStates;
    }

    @POST
    @OperatorRoute(admin = true)
    @StreamedBody
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM, "application/vnd.osgi.bundle", "application/zip"})
    @Answers(status = 201, body = ArtifactDTO.class, refusals = 409)
    public Response publish(InputStream bundle, @Context SecurityContext caller, @Context UriInfo uri) {
        Publication p = repository.publish(caller.getUserPrincipal().getName(), bundle);
        ArtifactDTO a = p.artifact();
        if (!p.created()) {
            return Response.ok(a).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(a.symbolicName).path(a.version).build()).entity(a).build();
    }

    @GET
    @OperatorRoute
    public List<ArtifactDTO> list(@QueryParam("name") String symbolicName) {
        return repository.list(symbolicName == null || symbolicName.isBlank() ? null : symbolicName.trim());
    }

    @GET
    @Path("{name}/{version}")
    @OperatorRoute
    public ArtifactDTO get(@PathParam("name") String symbolicName, @PathParam("version") String version) {
        return repository.get(symbolicName, version);
    }

    @GET
    @Path("{name}/{version}/content")
    @OperatorRoute
    @Produces({JAR, MediaType.APPLICATION_JSON})
    @Answers(refusals = 416)
    public Response content(@PathParam("name") String symbolicName, @PathParam("version") String version,
            @Context HttpHeaders request) {
        Content c = repository.content(symbolicName, version);
        return RangedFile.of(c.file(), c.artifact().length, c.artifact().sha256, JAR,
                c.artifact().symbolicName + "-" + c.artifact().version + ".jar", request);
    }

    @GET
    @Path("{name}/agents")
    @OperatorRoute
    public List<io.redflag.protocol.BundleRolloutDTO> rollout(@PathParam("name") String symbolicName) {
        return inventory.bundleRollout(MessageRules.required(symbolicName, "name", MessageRules.MAX_SHORT));
    }

    @GET
    @Path("{name}/pins")
    @OperatorRoute
    public List<BundlePinDTO> pins(@PathParam("name") String symbolicName) {
        return desiredStates.pins(symbolicName);
    }

    /** Holds a plug-in at a version: {@code {"version": "1.2.0"}} for every agent, with {@code "agentId"} for one. */
    @PUT
    @Path("{name}/pins")
    @OperatorRoute
    @Consumes(MediaType.APPLICATION_JSON)
    public BundlePinDTO pin(@PathParam("name") String symbolicName, BundlePinDTO req, @Context SecurityContext caller) {
        BundlePinDTO pin = MessageRules.body(req);
        String version = MessageRules.required(pin.version, "version", MessageRules.MAX_SHORT);
        UUID agent = pin.agentId == null ? null : UUID.fromString(MessageRules.uuid(pin.agentId, "agentId"));
        return desiredStates.pin(caller.getUserPrincipal().getName(), symbolicName, version, agent);
    }

    /** Lets the plug-in follow the newest version again, for every agent or ({@code ?agentId=}) for one. */
    @DELETE
    @Path("{name}/pins")
    @OperatorRoute
    @Answers(status = 204)
    public Response unpin(@PathParam("name") String symbolicName, @QueryParam("agentId") String agentId,
            @Context SecurityContext caller) {
        UUID agent = agentId == null || agentId.isBlank() ? null : UUID.fromString(MessageRules.uuid(agentId, "agentId"));
        if (!desiredStates.unpin(caller.getUserPrincipal().getName(), symbolicName, agent)) {
            throw new ApiException(404, "not_found", symbolicName + " is not pinned " + (agent == null ? "for every agent"
                    : "for agent " + agent));
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/{version}/retire")
    @OperatorRoute(admin = true)
    public ArtifactDTO retire(@PathParam("name") String symbolicName, @PathParam("version") String version,
            @Context SecurityContext caller) {
        return repository.retire(caller.getUserPrincipal().getName(), symbolicName, version);
    }
}
