// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/** A credential was refused; the message says why and is safe to show the caller (it holds no secret). */
public class CredentialsRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialsRefusedException(String reason) {
        super(reason);
    }
}
