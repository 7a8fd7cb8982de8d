// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.SubsystemDTO;
import io.redflag.server.inventory.SubsystemCatalog;
import java.util.List;
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

/** GET /api/v1/subsystems: what the scanner bundles deployed on this server describe. */
@Component(service = SubsystemsResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/subsystems")
@Produces(MediaType.APPLICATION_JSON)
public final class SubsystemsResource {

    private final SubsystemCatalog catalog;

    @Activate
    public SubsystemsResource(@Reference SubsystemCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @OperatorRoute
    public List<SubsystemDTO> all() {
        return catalog.all();
    }

    @GET
    @Path("{ecosystem}")
    @OperatorRoute
    public SubsystemDTO one(@PathParam("ecosystem") String ecosystem) {
        return catalog.require(ecosystem);
    }
}
