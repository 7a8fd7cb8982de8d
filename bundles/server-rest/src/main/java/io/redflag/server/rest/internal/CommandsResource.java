// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.CommandDTO;
import javax.ws.rs.QueryParam;
import java.util.List;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.CommandStatus;
import io.redflag.protocol.CommandType;
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

/**
 * GET /api/v1/commands: commands newest first (filters {@code agentId}, {@code type}, {@code status}; pages by
 * {@code before} and {@code limit}); GET /api/v1/commands/{id}: where a command is, and the agent's result once it
 * answered.
 */
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

    /** Most commands one page holds. */
    static final int MAX_PAGE = 500;

    @GET
    @OperatorRoute
    public List<CommandDTO> list(@QueryParam("agentId") String agentId, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return commands.list(agentId == null ? null : UUID.fromString(MessageRules.uuid(agentId, "agentId")),
                type == null ? null : known(CommandType.fromWire(type), "type", type),
                status == null ? null : known(CommandStatus.fromWire(status), "status", status),
                before == null ? null : UUID.fromString(MessageRules.uuid(before, "before")), limit(limit, 100, MAX_PAGE));
    }

    /** A filter's value as the enum reads it; what reads as {@code UNKNOWN} is a mistake to name. */
    private static <E extends Enum<E>> E known(E value, String field, String text) {
        if (value.name().equals("UNKNOWN")) {
            throw new InvalidMessageException(field, "'" + text + "' is not one of " + java.util.Arrays.stream(
                    value.getDeclaringClass().getEnumConstants()).map(Object::toString).filter(x -> !x.equals("unknown")).toList());
        }
        return value;
    }

    /** A page size: the default when absent, 1 to {@code max} otherwise. */
    static int limit(String text, int byDefault, int max) {
        return text == null ? byDefault : number(text, "limit", 1, max);
    }

    /** A whole number from {@code min} to {@code max} in a query parameter, or a 400 naming it. */
    static int number(String text, String name, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidMessageException(name, "must be a number from " + min + " to " + max + ", not '" + text + "'");
    }

    @GET
    @Path("{id}")
    @OperatorRoute
    public CommandDTO get(@PathParam("id") String id) {
        return commands.describe(UUID.fromString(MessageRules.uuid(id, "command id")));
    }
}
