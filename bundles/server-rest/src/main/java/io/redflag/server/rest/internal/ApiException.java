// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

/** A refusal of the REST layer itself (authentication, size), with its status and a message saying why. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
