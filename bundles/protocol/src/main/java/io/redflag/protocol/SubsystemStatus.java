// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * How the last run of an agent's subsystem went.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum SubsystemStatus {
    /** The scan answered completely. */
    OK("ok"),
    /** The scan answered in part; the message says what is missing. */
    PARTIAL("partial"),
    /** The package tool is not installed on the host. */
    TOOL_MISSING("tool_missing"),
    /** The scan produced no usable answer. */
    FAILED("failed"),
    /** The agent refused the scan command. */
    REFUSED("refused"),
    /** The agent has no active scanner for it. */
    UNAVAILABLE("unavailable"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    SubsystemStatus(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static SubsystemStatus fromWire(String text) {
        return WireEnums.parse(SubsystemStatus.class, text);
    }
}
