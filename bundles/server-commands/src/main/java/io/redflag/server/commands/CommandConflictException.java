// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/** A command of this kind is still open for that subsystem of that agent. */
public class CommandConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandConflictException(String what) {
        super(what);
    }
}
