// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

/** No scanner bundle deployed on this server describes this ecosystem. */
public class UnknownSubsystemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownSubsystemException(String ecosystem) {
        super("no subsystem " + ecosystem + " on this server");
    }
}
