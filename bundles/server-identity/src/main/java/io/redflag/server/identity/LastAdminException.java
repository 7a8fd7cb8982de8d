// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/** Revoking this token would leave no usable admin token. */
public class LastAdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LastAdminException(String message) {
        super(message);
    }
}
