// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.CommandDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.server.commands.CommandQueue;
import java.util.UUID;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** GET /api/v1/commands/{id}: where a command is, and the agent's result once it answered. */
@Component(service = CommandsResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/commands")
@Produces(MediaType.APPLICATION_JSON)
public final class CommandsResource {

    private final CommandQueue commands;

    @Activate
    public CommandsResource(@Reference CommandQueue commands) {
        this.commands = commands;
    }

    @GET
    @Path("{id}")
    @OperatorRoute
    public CommandDTO get(@PathParam("id") String id) {
        return commands.describe(UUID.fromString(MessageRules.uuid(id, "command id")));
    }
}
