// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/docs: Swagger UI over {@code /api/v1/openapi.json}, from the swagger-ui WebJar packed into this
 * bundle at build time; nothing is fetched at run time. Only files of one folder are served, by a plain name.
 */
@Component(service = ApiDocsResource.class)
@JaxrsResource
@Path("api/docs")
public final class ApiDocsResource {

    static final String FOLDER = "api-docs/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    private final BundleContext ctx;

    @Activate
    public ApiDocsResource(BundleContext ctx) {
        this.ctx = ctx;
    }

    @GET
    @PublicRoute
    @Answers(refusals = 404)
    public Response index() throws IOException {
        return file("index.html");
    }

    @GET
    @Path("{file}")
    @PublicRoute
    @Answers(refusals = 404)
    public Response file(@PathParam("file") String name) throws IOException {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        URL entry = FILE.matcher(name).matches() && TYPES.containsKey(ext) ? ctx.getBundle().getEntry(FOLDER + name) : null;
        if (entry == null) {
            return ErrorBodies.of(404, "not_found", "no such file in the API documentation");
        }
        try (InputStream in = entry.openStream()) {
            return Response.ok(in.readAllBytes(), TYPES.get(ext)).header("Cache-Control", "public, max-age=3600")
                    .header("X-Content-Type-Options", "nosniff").build();
        }
    }
}
