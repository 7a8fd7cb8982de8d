// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.CredentialsRefusedException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A refused registration token, refresh token or access token: 401, saying why. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class CredentialsRefusedMapper extends ErrorMapping implements ExceptionMapper<CredentialsRefusedException> {

    public CredentialsRefusedMapper() {
        super(401, "unauthorized");
    }

    @Override
    public Response toResponse(CredentialsRefusedException e) {
        return respond(e);
    }
}
