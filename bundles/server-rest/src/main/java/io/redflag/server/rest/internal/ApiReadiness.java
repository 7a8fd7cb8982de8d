// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.dto.ResourceDTO;
import org.osgi.service.jaxrs.runtime.dto.RuntimeDTO;

/**
 * Whether the whole API is up: every resource component this bundle declares has registered its service, and the
 * JAX-RS runtime serves each of them in its application. Until then the runtime keeps rebuilding the application as
 * resources arrive (each rebuild a moment of 503s), so a health check that answered 200 before would send a load
 * balancer, a script or an agent to a server that is not there yet; and an unknown route then is one about to exist,
 * not a 404. The runtime reports a resource as served a moment before its rebuilt application answers, so the whole
 * API counts as up only once the runtime has also stayed unchanged ({@code service.changecount}) for {@link #SETTLE}.
 * Once the whole API was up it stays so (a plug-in arriving later rebuilds it for a moment; no outage).
 */
@Component(service = ApiReadiness.class)
public final class ApiReadiness {

    private static final String RESOURCE = "osgi.jaxrs.resource";

    /** How long the JAX-RS runtime must stay unchanged, every route served, before the API counts as up. */
    static final Duration SETTLE = Duration.ofMillis(750);

    private final ServiceComponentRuntime scr;
    private final JaxrsServiceRuntime jaxrs;
    private final BundleContext context;
    private final ServiceListener changes;
    private volatile boolean up;
    /** When the JAX-RS runtime last changed (its properties, {@code service.changecount}, move with its DTO). */
    private volatile long lastChange = System.nanoTime();

    @Activate
    public ApiReadiness(@Reference ServiceComponentRuntime scr, @Reference JaxrsServiceRuntime jaxrs, BundleContext context)
            throws InvalidSyntaxException {
        this.scr = scr;
        this.jaxrs = jaxrs;
        this.context = context;
        this.changes = event -> lastChange = System.nanoTime();
        context.addServiceListener(changes, "(" + Constants.OBJECTCLASS + "=" + JaxrsServiceRuntime.class.getName() + ")");
    }

    @Deactivate
    void stop() {
        context.removeServiceListener(changes);
    }

    /** Null once the whole API is up; before, how far it is ("41 of 45 routes", "all routes, settling"). */
    String missing() {
        return up ? null : settle();
    }

    private String settle() {
        String missing = missing(scr, jaxrs, ApiReadiness.class);
        if (missing != null) {
            return missing;
        }
        up = System.nanoTime() - lastChange >= SETTLE.toNanos() || FrameworkUtil.getBundle(ApiReadiness.class) == null;
        return up ? null : "all routes, settling";
    }

    private static String missing(ServiceComponentRuntime scr, JaxrsServiceRuntime jaxrs, Class<?> of) {
        Bundle own = FrameworkUtil.getBundle(of);
        if (own == null) {
            return null; // outside a framework (unit tests): nothing to wait for
        }
        int expected = 0;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(own)) {
            if (isResource(d.properties.get(RESOURCE))) {
                expected++;
            }
        }
        Set<Long> registered = new HashSet<>();
        ServiceReference<?>[] refs = own.getRegisteredServices();
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            if (isResource(r.getProperty(RESOURCE))) {
                registered.add((Long) r.getProperty("service.id"));
            }
        }
        RuntimeDTO runtime = jaxrs.getRuntimeDTO();
        int served = 0;
        if (runtime.defaultApplication != null) {
            for (ResourceDTO r : runtime.defaultApplication.resourceDTOs) {
                if (registered.contains(r.serviceId)) {
                    served++;
                }
            }
        }
        return served >= expected && registered.size() >= expected ? null : served + " of " + expected + " routes";
    }

    private static boolean isResource(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
