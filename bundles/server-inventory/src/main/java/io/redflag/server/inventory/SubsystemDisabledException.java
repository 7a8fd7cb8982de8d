// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

/** An operator asked a subsystem that is not enabled on that agent to do something (scan now): 409. */
public class SubsystemDisabledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubsystemDisabledException(String message) {
        super(message);
    }
}
