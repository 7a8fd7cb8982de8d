// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.LastAdminException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** Revoking the last usable admin token: 409, saying to create another admin token first. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class LastAdminMapper extends ErrorMapping implements ExceptionMapper<LastAdminException> {

    public LastAdminMapper() {
        super(409, "conflict");
    }

    @Override
    public Response toResponse(LastAdminException e) {
        return respond(e);
    }
}
