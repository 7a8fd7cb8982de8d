// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.commands.UnknownCommandException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No such command: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownCommandMapper extends ErrorMapping implements ExceptionMapper<UnknownCommandException> {

    public UnknownCommandMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownCommandException e) {
        return respond(e);
    }
}
