// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

/** That symbolic name and version were published before with other bytes: a version never changes. */
public class ArtifactConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArtifactConflictException(String message) {
        super(message);
    }
}
