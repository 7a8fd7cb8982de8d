// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.InvalidMessageException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A message that breaks the protocol's rules: 400, naming the field. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class InvalidMessageMapper extends ErrorMapping implements ExceptionMapper<InvalidMessageException> {

    public InvalidMessageMapper() {
        super(400, "bad_request");
    }

    @Override
    public Response toResponse(InvalidMessageException e) {
        return respond(e);
    }
}
