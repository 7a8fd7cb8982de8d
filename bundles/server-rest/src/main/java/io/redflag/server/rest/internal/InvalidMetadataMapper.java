// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.InvalidMetadataException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A publisher or signed metadata the update repository cannot take: 400 saying why. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class InvalidMetadataMapper extends ErrorMapping implements ExceptionMapper<InvalidMetadataException> {

    public InvalidMetadataMapper() {
        super(400, "invalid_metadata");
    }

    @Override
    public Response toResponse(InvalidMetadataException e) {
        return respond(e);
    }
}
