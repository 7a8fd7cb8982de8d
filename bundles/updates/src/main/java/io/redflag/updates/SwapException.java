// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates;

/** A bundle could not be brought in (or removed); what ran before runs again. The message says why, for people. */
public class SwapException extends Exception {
    private static final long serialVersionUID = 1L;

    public SwapException(String message) {
        super(message);
    }

    public SwapException(String message, Throwable cause) {
        super(message, cause);
    }
}
