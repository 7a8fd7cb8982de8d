// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

/** The bundle is over the repository's size limit. */
public class ArtifactTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArtifactTooLargeException(String message) {
        super(message);
    }
}
