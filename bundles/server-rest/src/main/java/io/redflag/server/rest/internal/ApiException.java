// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

/** A refusal of the REST layer itself (authentication, size), with its status and a message saying why. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final long retryAfterSeconds;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, 0);
    }

    private ApiException(int status, String error, String detail, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with Retry-After. */
    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", detail + "; retry after " + retryAfterSeconds + " s",
                Math.max(1, retryAfterSeconds));
    }

    /** 503 with Retry-After: not ready yet, come back. */
    public static ApiException unavailable(String detail, long retryAfterSeconds) {
        return new ApiException(503, "unavailable", detail + "; retry after " + retryAfterSeconds + " s",
                Math.max(1, retryAfterSeconds));
    }

    /** Seconds the caller should wait before trying again; 0 when the answer says nothing about it. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
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
