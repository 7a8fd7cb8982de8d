// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing;

/** A signature or key was refused; the message says why. */
public class SignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public SignatureException(String message) {
        super(message);
    }

    public SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
