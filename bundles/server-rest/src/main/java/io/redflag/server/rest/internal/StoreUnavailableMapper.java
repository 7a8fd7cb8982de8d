// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.store.StoreException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database is unreachable or refused the work: 503 with Retry-After; the cause goes to the log only. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class StoreUnavailableMapper implements ExceptionMapper<StoreException> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableMapper.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(StoreException e) {
        LOG.warn("database unavailable: {}", e.getMessage());
        Response r = ErrorBodies.of(503, "store_unavailable", "the database is unavailable; retry later");
        return Response.fromResponse(r).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
