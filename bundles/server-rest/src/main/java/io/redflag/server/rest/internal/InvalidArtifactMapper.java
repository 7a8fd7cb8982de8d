// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.InvalidArtifactException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A bundle the repository cannot take: 400 saying why. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class InvalidArtifactMapper extends ErrorMapping implements ExceptionMapper<InvalidArtifactException> {

    public InvalidArtifactMapper() {
        super(400, "invalid_artifact");
    }

    @Override
    public Response toResponse(InvalidArtifactException e) {
        return respond(e);
    }
}
