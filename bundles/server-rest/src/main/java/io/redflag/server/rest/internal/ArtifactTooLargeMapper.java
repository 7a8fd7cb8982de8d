// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.ArtifactTooLargeException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A bundle over the repository's limit: 413. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class ArtifactTooLargeMapper extends ErrorMapping implements ExceptionMapper<ArtifactTooLargeException> {

    public ArtifactTooLargeMapper() {
        super(413, "payload_too_large");
    }

    @Override
    public Response toResponse(ArtifactTooLargeException e) {
        return respond(e);
    }
}
