// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.UnknownRegistrationTokenException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No such registration token: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownRegistrationTokenMapper extends ErrorMapping implements ExceptionMapper<UnknownRegistrationTokenException> {

    public UnknownRegistrationTokenMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownRegistrationTokenException e) {
        return respond(e);
    }
}
