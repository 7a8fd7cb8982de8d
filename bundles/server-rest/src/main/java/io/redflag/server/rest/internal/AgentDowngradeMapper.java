// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.commands.AgentDowngradeException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A check-in with an older agent version than seen before: 409, saying how to recover. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class AgentDowngradeMapper extends ErrorMapping implements ExceptionMapper<AgentDowngradeException> {

    public AgentDowngradeMapper() {
        super(409, "agent_downgrade");
    }

    @Override
    public Response toResponse(AgentDowngradeException e) {
        return respond(e);
    }
}
