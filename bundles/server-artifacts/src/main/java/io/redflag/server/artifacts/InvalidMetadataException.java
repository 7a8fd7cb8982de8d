// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

/** Metadata or a publisher the update repository cannot take: the message says what is wrong. */
public class InvalidMetadataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }
}
