// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.lang.reflect.Method;
import javax.annotation.Priority;
import javax.ws.rs.Path;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Times every request the API answers, by method, route template ({@code /api/v1/agents/{id}/check-in}: never the
 * raw path, so an agent id is no label) and status, into {@link ServerMetrics}. It runs before anything else, so a
 * refused request (401, 429) is counted with its route too.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JSONRequired
@PreMatching
@Priority(1)
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    private final ServerMetrics metrics;

    @Context
    private ResourceInfo resource;

    @Activate
    public RequestMetrics(@Reference ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (started instanceof Long t0) {
            metrics.request(method(request.getMethod()), route(), response.getStatus(), System.nanoTime() - t0);
        }
    }

    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
            "OPTIONS");

    /** A method as a label: the HTTP ones, else "other" (a client making up methods makes up no new series). */
    static String method(String method) {
        return METHODS.contains(method) ? method : "other";
    }

    /** Route templates by resource method: worked out once each. */
    private final java.util.Map<Method, String> routes = new java.util.concurrent.ConcurrentHashMap<>();

    /** The matched resource method's template, or "unmatched". */
    private String route() {
        Method m = resource == null ? null : resource.getResourceMethod();
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (m == null || type == null) {
            return "unmatched";
        }
        return routes.computeIfAbsent(m, x -> template(type, x));
    }

    private static String template(Class<?> type, Method m) {
        Path base = type.getAnnotation(Path.class);
        Path own = m.getAnnotation(Path.class);
        String route = "/" + (base == null ? "" : strip(base.value())) + (own == null ? "" : "/" + strip(own.value()));
        return route.replaceAll("\\{([a-zA-Z]+)\\s*:[^}]*}", "{$1}");
    }

    private static String strip(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
