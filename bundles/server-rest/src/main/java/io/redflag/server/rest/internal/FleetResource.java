// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.CheckInActivityDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.protocol.UpdateGroupDTO;
import io.redflag.server.commands.CommandQueue;
import io.redflag.server.inventory.Inventory;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/fleet: views across every active agent. {@code GET …/updates?groupBy=package|cve|severity|ecosystem}
 * lists pending updates grouped, most affected agents first, filtered by {@code ecosystem} and {@code severity},
 * paged with {@code after} (the last entry's cursor) and {@code limit}. {@code GET …/check-ins?hours=24}: check-ins
 * over time, in about 120 buckets.
 */
@Component(service = FleetResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
public final class FleetResource {

    private final Inventory inventory;
    private final CommandQueue commands;

    @Activate
    public FleetResource(@Reference Inventory inventory, @Reference CommandQueue commands) {
        this.inventory = inventory;
        this.commands = commands;
    }

    @GET
    @Path("check-ins")
    @OperatorRoute
    public CheckInActivityDTO checkIns(@QueryParam("hours") String hours) {
        return commands.checkInActivity(hours == null ? 24 : CommandsResource.number(hours, "hours", 1, CommandQueue.MAX_ACTIVITY_HOURS));
    }

    @GET
    @Path("updates")
    @OperatorRoute
    public List<UpdateGroupDTO> updates(@QueryParam("groupBy") String groupBy, @QueryParam("ecosystem") String ecosystem,
            @QueryParam("severity") String severity, @QueryParam("sort") String sort, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        return inventory.fleetUpdates(groupBy, ecosystem == null ? null : MessageRules.ecosystem(ecosystem, "ecosystem"),
                severity, sort, after == null ? null : MessageRules.optional(after, "after", 2000),
                CommandsResource.limit(limit, 100, 1000));
    }
}
