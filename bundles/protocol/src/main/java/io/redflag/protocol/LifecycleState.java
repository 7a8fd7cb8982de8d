// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * Where one pending update of one agent stands: pending, then a dry run and its plan, the operator's decision, the install and how it ended. The history keeps every step with who and when.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum LifecycleState {
    /** Reported by a scan; nothing asked yet. */
    PENDING("pending"),
    /** A dry run was asked for and has not answered yet. */
    DRY_RUN("dry-run"),
    /** A dry run computed the plan; it awaits a decision (or an install, where approvals are not required). */
    PLANNED("planned"),
    /** An operator approved the plan. */
    APPROVED("approved"),
    /** An operator rejected the plan. */
    REJECTED("rejected"),
    /** An install along the plan was queued and has not answered yet. */
    INSTALLING("installing"),
    /** The install worked; the next scan no longer reports the update. */
    INSTALLED("installed"),
    /** The dry run or the install did not work, or the agent refused it (the event says why). */
    FAILED("failed"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    LifecycleState(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static LifecycleState fromWire(String text) {
        return WireEnums.parse(LifecycleState.class, text);
    }
}
