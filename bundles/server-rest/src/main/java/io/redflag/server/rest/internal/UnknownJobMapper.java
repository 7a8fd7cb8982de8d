// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.commands.UnknownJobException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No such job: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownJobMapper extends ErrorMapping implements ExceptionMapper<UnknownJobException> {

    public UnknownJobMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownJobException e) {
        return respond(e);
    }
}
