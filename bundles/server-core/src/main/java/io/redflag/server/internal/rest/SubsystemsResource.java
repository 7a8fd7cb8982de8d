// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.server.internal.SubsystemCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public List<Map<String, Object>> all() {
        return catalog.all().stream().map(SubsystemsResource::describe).toList();
    }

    @GET
    @Path("{ecosystem}")
    public Map<String, Object> one(@PathParam("ecosystem") String ecosystem) {
        return describe(catalog.find(ecosystem).orElseThrow(() -> ApiException.notFound("no subsystem " + ecosystem)));
    }

    static Map<String, Object> describe(SubsystemDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ecosystem", d.ecosystem());
        m.put("displayName", d.displayName());
        m.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("osFamilies", d.osFamilies());
        m.put("defaultIntervalSeconds", d.defaultInterval().toSeconds());
        m.put("versionOrdering", d.versionOrdering().scheme());
        m.put("defaultConfiguration", d.defaultConfiguration());
        return m;
    }
}
