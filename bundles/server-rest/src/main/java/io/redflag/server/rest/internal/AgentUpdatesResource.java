// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.DesiredStateDTO;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.protocol.Routes;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.ArtifactRepository.Content;
import io.redflag.server.artifacts.DesiredStates;
import io.redflag.server.artifacts.UnknownArtifactException;
import io.redflag.server.artifacts.UpdateMetadata;
import io.redflag.server.inventory.Inventory;
import io.redflag.signing.Signer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * What an agent fetches to bring its bundles in line: its desired state, the signed metadata, and the bundles themselves as the
 * repository's signed metadata names them ({@code bundles/<name>/<sha256>.<version>.jar}: consistent snapshots put
 * the hash in the file name), whole or by range. Only the agent itself, with its token, from its machine.
 */
@Component(service = AgentUpdatesResource.class)
@JaxrsResource
@JSONRequired
@Path(Routes.AGENTS)
@Produces(MediaType.APPLICATION_JSON)
public final class AgentUpdatesResource {

    /** A target file's path: a hash-prefixed file name in a folder of the bundle's name. */
    private static final Pattern TARGET = Pattern.compile("bundles/[A-Za-z0-9_.-]{1,255}/([0-9a-f]{64})\\.[A-Za-z0-9_.-]{1,128}\\.jar"
            + "|cores/[a-z0-9]{1,20}-[a-z0-9_]{1,20}/[0-9A-Za-z.+-]{1,64}/([0-9a-f]{64})\\.redflag-agent\\.jar");

    private static final Pattern METADATA = Pattern.compile("[0-9]{1,18}\\.[a-z0-9][a-z0-9-]{0,39}\\.json|timestamp\\.json");

    private final DesiredStates desiredStates;
    private final ArtifactRepository repository;
    private final UpdateMetadata metadata;
    private final Signer signer;
    private final Inventory inventory;

    @Activate
    public AgentUpdatesResource(@Reference DesiredStates desiredStates, @Reference ArtifactRepository repository,
            @Reference UpdateMetadata metadata, @Reference Signer signer, @Reference Inventory inventory) {
        this.inventory = inventory;
        this.desiredStates = desiredStates;
        this.repository = repository;
        this.metadata = metadata;
        this.signer = signer;
    }

    /** What an agent should run, as operators see it: compare its hash with the agent's {@code appliedDesiredState}. */
    @GET
    @Path("{id}/desired-bundles")
    @OperatorRoute
    public DesiredStateDTO desiredBundles(@PathParam("id") String id) {
        inventory.agent(AgentsResource.uuid(id)); // 404 for an agent that does not exist
        return desiredStates.of(AgentsResource.uuid(id));
    }

    /**
     * The repository's signed (TUF) metadata. The first root also carries the server key's signature, which is how an
     * agent comes to trust it (it pinned that key when it registered).
     */
    @GET
    @Path("{id}/updates/metadata/{file}")
    @AgentRoute
    public Response metadata(@PathParam("id") String id, @PathParam("file") String file) {
        byte[] bytes = METADATA.matcher(file).matches() ? metadata.file(file).orElse(null) : null;
        if (bytes == null) {
            throw new UnknownArtifactException("no update metadata file " + file);
        }
        Response.ResponseBuilder r = Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store");
        if (file.equals("1.root.json")) {
            byte[] context = ProtocolHeaders.TRUSTED_ROOT_CONTEXT.getBytes(StandardCharsets.UTF_8);
            byte[] signed = new byte[context.length + bytes.length];
            System.arraycopy(context, 0, signed, 0, context.length);
            System.arraycopy(bytes, 0, signed, context.length, bytes.length);
            r.header(ProtocolHeaders.ROOT_SIGNATURE, signer.sign(signed));
        }
        return r.build();
    }

    @GET
    @Path("{id}/desired-state")
    @AgentRoute
    public DesiredStateDTO desiredState(@PathParam("id") String id) {
        return desiredStates.of(AgentsResource.uuid(id));
    }

    @GET
    @Path("{id}/updates/targets/{path: .+}")
    @AgentRoute
    @Produces({ArtifactsResource.JAR, MediaType.APPLICATION_JSON})
    @Answers(refusals = {404, 416})
    public Response target(@PathParam("id") String id, @PathParam("path") String path, @Context HttpHeaders request) {
        Matcher m = TARGET.matcher(path);
        if (!m.matches()) {
            throw new UnknownArtifactException("no target file " + path + " (targets are bundles/<name>/<sha256>.<version>.jar "
                    + "and cores/<platform>/<version>/<sha256>.redflag-agent.jar)");
        }
        Content c = repository.contentByHash(m.group(1) != null ? m.group(1) : m.group(2));
        return RangedFile.of(c.file(), c.artifact().length, c.artifact().sha256, ArtifactsResource.JAR, null, request);
    }
}
