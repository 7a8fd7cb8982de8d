// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.UpdateKeyException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A key rotation that cannot be done now (the root key is not in place): 409 saying what to do. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UpdateKeyMapper extends ErrorMapping implements ExceptionMapper<UpdateKeyException> {

    public UpdateKeyMapper() {
        super(409, "conflict");
    }

    @Override
    public Response toResponse(UpdateKeyException e) {
        return respond(e);
    }
}
