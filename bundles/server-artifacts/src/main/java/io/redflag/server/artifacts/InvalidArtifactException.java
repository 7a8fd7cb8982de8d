// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

/** The bytes are not a bundle the repository can take; the message says why. */
public class InvalidArtifactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidArtifactException(String message) {
        super(message);
    }
}
