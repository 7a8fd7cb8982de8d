// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * GET /metrics: this node's metrics in Prometheus' text format, for operators (a viewer token is enough; Prometheus
 * sends it with {@code authorization: {credentials_file: …}}).
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JSONRequired
@Path("metrics")
public final class MetricsResource {

    /** Prometheus' text exposition format 0.0.4. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;

    @Activate
    public MetricsResource(@Reference ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @OperatorRoute
    @Produces(TEXT_FORMAT)
    @Answers(body = String.class)
    public String scrape() {
        return metrics.scrape();
    }
}
