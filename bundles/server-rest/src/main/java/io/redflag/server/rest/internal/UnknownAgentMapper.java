// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.inventory.UnknownAgentException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No such agent: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownAgentMapper extends ErrorMapping implements ExceptionMapper<UnknownAgentException> {

    public UnknownAgentMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownAgentException e) {
        return respond(e);
    }
}
