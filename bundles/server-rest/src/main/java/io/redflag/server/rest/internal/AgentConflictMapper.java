// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.AgentConflictException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A registration or rebind that would hand an agent to another machine or key (or a clone): 409, saying what an operator does. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class AgentConflictMapper extends ErrorMapping implements ExceptionMapper<AgentConflictException> {

    public AgentConflictMapper() {
        super(409, "agent_conflict");
    }

    @Override
    public Response toResponse(AgentConflictException e) {
        return respond(e);
    }
}
