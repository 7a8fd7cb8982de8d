// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/** No command has this id (for this agent). */
public class UnknownCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownCommandException(Object commandId) {
        super("no command " + commandId);
    }
}
