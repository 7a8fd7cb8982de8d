// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.commands.CommandConflictException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A command of that kind is still open: 409. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class CommandConflictMapper extends ErrorMapping implements ExceptionMapper<CommandConflictException> {

    public CommandConflictMapper() {
        super(409, "conflict");
    }

    @Override
    public Response toResponse(CommandConflictException e) {
        return respond(e);
    }
}
