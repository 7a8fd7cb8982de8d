// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.UnknownOperatorTokenException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** No such operator token: 404. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UnknownOperatorTokenMapper extends ErrorMapping implements ExceptionMapper<UnknownOperatorTokenException> {

    public UnknownOperatorTokenMapper() {
        super(404, "not_found");
    }

    @Override
    public Response toResponse(UnknownOperatorTokenException e) {
        return respond(e);
    }
}
