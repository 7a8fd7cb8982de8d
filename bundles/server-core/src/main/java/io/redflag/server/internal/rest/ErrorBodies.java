// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The one error shape of the API: {@code {"error": "...", "detail": "..."}}. */
final class ErrorBodies {

    private ErrorBodies() {}

    static Response of(int status, String error, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
