// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * What a bulk job does on every agent of its selection.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum JobAction {
    /** Scan one subsystem now. */
    SCAN("scan"),
    /** Compute the plan for the packages (those of them pending on each agent). */
    DRY_RUN("dry-run"),
    /** Approve the plans a dry-run job computed. */
    APPROVE("approve"),
    /** Reject the plans a dry-run job computed. */
    REJECT("reject"),
    /** Install the plans of a dry-run job (approved ones, where approvals are required). */
    INSTALL("install"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    JobAction(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static JobAction fromWire(String text) {
        return WireEnums.parse(JobAction.class, text);
    }
}
