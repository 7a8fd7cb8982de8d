// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/** There is no operator token with that id. */
public class UnknownOperatorTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownOperatorTokenException(String message) {
        super(message);
    }
}
