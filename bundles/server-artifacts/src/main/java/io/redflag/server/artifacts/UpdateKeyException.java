// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

/** A key of the update repository cannot be rotated as asked (no such role, the root key not in place). */
public class UpdateKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpdateKeyException(String message) {
        super(message);
    }
}
