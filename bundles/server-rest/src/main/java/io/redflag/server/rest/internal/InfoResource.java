// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.InfoDTO;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.commands.CommandQueue;
import io.redflag.server.inventory.Inventory;
import io.redflag.server.inventory.SubsystemCatalog;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * GET /api/v1/info: the server version stamped in by the build, the agent versions it knows, the newest core release per
 * platform and the minimum agent version.
 */
@Component(service = InfoResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/info")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {

    private final String version;
    private final Inventory inventory;
    private final SubsystemCatalog catalog;
    private final ArtifactRepository repository;
    private final CommandQueue commands;

    @Activate
    public InfoResource(BundleContext ctx, @Reference Inventory inventory, @Reference SubsystemCatalog catalog,
            @Reference ArtifactRepository repository, @Reference CommandQueue commands) {
        this.version = ctx.getBundle().getHeaders().get("RedFlag-Version");
        this.inventory = inventory;
        this.catalog = catalog;
        this.repository = repository;
        this.commands = commands;
    }

    @GET
    @PublicRoute
    public InfoDTO info() {
        InfoDTO out = new InfoDTO();
        out.product = "RedFlag";
        out.version = version;
        out.apiVersion = "v1";
        out.agentVersions = inventory.knownAgentVersions();
        out.subsystems = catalog.all().stream().map(d -> d.ecosystem).toList();
        repository.cores(null).stream().filter(r -> r.retiredAt == null).forEach(r -> out.latestCores.putIfAbsent(r.platform,
                r.version));
        out.minimumAgentVersion = commands.minimumAgentVersion();
        return out;
    }
}
