// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.UnknownArtifactException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No artifact of that name and version: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownArtifactMapper extends ErrorMapping implements ExceptionMapper<UnknownArtifactException> {

    public UnknownArtifactMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownArtifactException e) {
        return respond(e);
    }
}
