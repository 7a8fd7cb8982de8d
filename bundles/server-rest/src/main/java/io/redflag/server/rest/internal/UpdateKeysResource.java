// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.UpdateKeyDTO;
import io.redflag.server.artifacts.UpdateMetadata;
import java.util.List;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/updates/keys: the update repository's signing keys as root lists them, and their rotation by admins (the old
 * key is retired with it; the root key must be put in place for it, and taken offline again after).
 */
@Component(service = UpdateKeysResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/updates/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class UpdateKeysResource {

    private static final Set<String> ROLES = Set.of("root", "targets", "snapshot", "timestamp");
    private final UpdateMetadata metadata;

    @Activate
    public UpdateKeysResource(@Reference UpdateMetadata metadata) {
        this.metadata = metadata;
    }

    @GET
    @OperatorRoute
    public List<UpdateKeyDTO> keys() {
        return metadata.keys();
    }

    @POST
    @Path("{role}/rotate")
    @OperatorRoute(admin = true)
    @Answers(refusals = 409)
    public List<UpdateKeyDTO> rotate(@PathParam("role") String role, @Context SecurityContext caller) {
        if (!ROLES.contains(role)) {
            throw new ApiException(404, "not_found", "no role '" + role + "': root, targets, snapshot or timestamp");
        }
        return metadata.rotate(caller.getUserPrincipal().getName(), role);
    }
}
