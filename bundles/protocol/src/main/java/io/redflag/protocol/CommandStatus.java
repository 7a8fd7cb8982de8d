// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * Where a command is: open (pending, delivered) or answered by the agent.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum CommandStatus {
    /** Queued; not yet handed to the agent. */
    PENDING("pending"),
    /** Handed out at a check-in; no result yet (handed out again after 5 minutes). */
    DELIVERED("delivered"),
    /** The agent ran it and it worked. */
    COMPLETED("completed"),
    /** The agent ran it and it did not work. */
    FAILED("failed"),
    /** The agent would not run it (bad signature, stale, changed plan…): a security event. */
    REFUSED("refused"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    CommandStatus(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static CommandStatus fromWire(String text) {
        return WireEnums.parse(CommandStatus.class, text);
    }
}
