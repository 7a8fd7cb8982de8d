// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/** No registration token has this id. */
public class UnknownRegistrationTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownRegistrationTokenException(Object id) {
        super("no registration token " + id);
    }
}
