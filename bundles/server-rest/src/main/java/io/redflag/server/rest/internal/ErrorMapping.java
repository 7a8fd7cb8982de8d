// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import javax.ws.rs.core.Response;

/**
 * What every domain exception mapper does: its status and error code, and the exception's message as
 * the detail (domain exceptions are written to be shown to the caller: no secrets, no class names).
 */
abstract class ErrorMapping {

    private final int status;
    private final String error;

    ErrorMapping(int status, String error) {
        this.status = status;
        this.error = error;
    }

    final Response respond(Throwable e) {
        return ErrorBodies.of(status, error, e.getMessage());
    }
}
