// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.inventory.UnknownSubsystemException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No scanner bundle on this server describes the ecosystem: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownSubsystemMapper extends ErrorMapping implements ExceptionMapper<UnknownSubsystemException> {

    public UnknownSubsystemMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownSubsystemException e) {
        return respond(e);
    }
}
