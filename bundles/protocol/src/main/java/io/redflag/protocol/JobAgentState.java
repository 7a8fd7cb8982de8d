// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * How one agent of a bulk job is doing.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum JobAgentState {
    /** Its command waits for the agent's next check-in. */
    QUEUED("queued"),
    /** The agent took its command and has not answered yet. */
    RUNNING("running"),
    /** Done (a command that worked, or a decision recorded). */
    COMPLETED("completed"),
    /** Its command failed or the agent refused it. */
    FAILED("failed"),
    /** Nothing was asked of this agent; the message says why (the others went on). */
    SKIPPED("skipped"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    JobAgentState(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static JobAgentState fromWire(String text) {
        return WireEnums.parse(JobAgentState.class, text);
    }
}
