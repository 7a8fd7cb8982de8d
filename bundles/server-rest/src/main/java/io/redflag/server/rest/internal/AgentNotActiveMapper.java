// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.commands.AgentNotActiveException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A check-in of an unknown or revoked agent: 403. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class AgentNotActiveMapper extends ErrorMapping implements ExceptionMapper<AgentNotActiveException> {

    public AgentNotActiveMapper() {
        super(403, "forbidden");
    }

    @Override
    public Response toResponse(AgentNotActiveException e) {
        return respond(e);
    }
}
