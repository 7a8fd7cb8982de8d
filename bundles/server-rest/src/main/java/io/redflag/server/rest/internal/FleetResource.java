// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.MessageRules;
import io.redflag.protocol.UpdateGroupDTO;
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
 * paged with {@code after} (the last entry's cursor) and {@code limit}.
 */
@Component(service = FleetResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
public final class FleetResource {

    private final Inventory inventory;

    @Activate
    public FleetResource(@Reference Inventory inventory) {
        this.inventory = inventory;
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
