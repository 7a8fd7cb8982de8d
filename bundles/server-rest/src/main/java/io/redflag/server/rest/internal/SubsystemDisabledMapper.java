// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.inventory.SubsystemDisabledException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A subsystem asked to scan that is not enabled on that agent: 409, saying how to enable it. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class SubsystemDisabledMapper extends ErrorMapping implements ExceptionMapper<SubsystemDisabledException> {

    public SubsystemDisabledMapper() {
        super(409, "conflict");
    }

    @Override
    public Response toResponse(SubsystemDisabledException e) {
        return respond(e);
    }
}
