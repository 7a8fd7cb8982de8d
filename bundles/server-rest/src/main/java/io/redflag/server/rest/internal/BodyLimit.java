// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.container.ResourceInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Refuses bodies over the limit with 413 before anyone reads them: by their declared length, or by reading at most the
 * limit. It runs once the route is matched (every request matches one: unknown paths the catch-all) and before access
 * control, so that a method marked {@link StreamedBody} (a bundle, streamed to disk under the repository's own limit)
 * is left alone.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JSONRequired
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimit implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext req) throws IOException {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(StreamedBody.class)) {
            return;
        }
        int declared = req.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (declared < 0 && req.hasEntity()) {
            InputStream in = req.getEntityStream();
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            req.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "request body over " + MAX_BODY_BYTES + " bytes");
    }
}
