// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.commands.UpgradeRequiredException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/** A check-in of an agent below the server's minimum version, without a core update in flight: 426. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JSONRequired
public final class UpgradeRequiredMapper extends ErrorMapping implements ExceptionMapper<UpgradeRequiredException> {

    public UpgradeRequiredMapper() {
        super(426, "upgrade_required");
    }

    @Override
    public Response toResponse(UpgradeRequiredException e) {
        return respond(e);
    }
}
