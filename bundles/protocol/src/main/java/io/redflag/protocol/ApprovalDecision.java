// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * An operator's decision on the plan a dry run computed.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum ApprovalDecision {
    /** The plan may be installed on that agent. */
    APPROVED("approved"),
    /** The plan must not be installed; a new dry run starts over. */
    REJECTED("rejected"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    ApprovalDecision(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static ApprovalDecision fromWire(String text) {
        return WireEnums.parse(ApprovalDecision.class, text);
    }
}
