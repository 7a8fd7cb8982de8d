// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * GET /api/v1/openapi.json: the OpenAPI 3 document of every JAX-RS resource registered with the whiteboard
 * right now (this bundle's and any other's), generated from the classes; rebuilt when the set changes.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

    private static final String RESOURCES = "(osgi.jaxrs.resource=true)";

    private final BundleContext ctx;
    private final String version;
    private Set<Long> builtFrom = Set.of();
    private ObjectNode document;

    @Activate
    public OpenApiResource(BundleContext ctx) {
        this.ctx = ctx;
        this.version = ctx.getBundle().getHeaders().get("RedFlag-Version");
    }

    @GET
    @PublicRoute
    public synchronized ObjectNode document() throws InvalidSyntaxException {
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(null, RESOURCES);
        Set<Long> ids = new TreeSet<>();
        List<Class<?>> classes = new ArrayList<>();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            ids.add((Long) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID));
            Object resource = ctx.getService(ref);
            if (resource != null && !(resource instanceof NoRouteResource)) { // not a route: what answers when none matches
                classes.add(resource.getClass());
                ctx.ungetService(ref);
            }
        }
        if (document == null || !ids.equals(builtFrom)) {
            document = OpenApiDocument.describe(classes, version);
            builtFrom = ids;
        }
        return document;
    }
}
