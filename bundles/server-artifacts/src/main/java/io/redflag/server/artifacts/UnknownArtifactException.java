// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

/** No artifact of that name and version (or with those bytes). */
public class UnknownArtifactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownArtifactException(String message) {
        super(message);
    }
}
