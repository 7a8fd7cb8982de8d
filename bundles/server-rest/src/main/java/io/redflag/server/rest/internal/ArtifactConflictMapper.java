// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.artifacts.ArtifactConflictException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A published version sent again with other bytes: 409 naming the bytes it holds. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class ArtifactConflictMapper extends ErrorMapping implements ExceptionMapper<ArtifactConflictException> {

    public ArtifactConflictMapper() {
        super(409, "conflict");
    }

    @Override
    public Response toResponse(ArtifactConflictException e) {
        return respond(e);
    }
}
