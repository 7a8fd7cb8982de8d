// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ErrorDTO;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The one error shape of the API: {@code {"error": "...", "detail": "..."}}. */
final class ErrorBodies {

    private ErrorBodies() {}

    static Response of(int status, String error, String detail) {
        return Response.status(status).entity(ErrorDTO.of(error, detail)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
