// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * The state of a bundle on an agent, as its framework reports it, plus {@link #FAILED} for one the agent tried to
 * install or swap in and could not (the previous version, if any, runs instead).
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum BundleState {
    INSTALLED("installed"),
    RESOLVED("resolved"),
    STARTING("starting"),
    ACTIVE("active"),
    STOPPING("stopping"),
    /** The agent could not bring the desired version in; {@code failure} on the entry says why. */
    FAILED("failed"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    BundleState(String wire) {
        this.wire = wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static BundleState fromWire(String text) {
        return WireEnums.parse(BundleState.class, text);
    }
}
