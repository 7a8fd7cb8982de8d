// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * A scanner's circuit breaker on an agent. New constants may come in minor versions: a reader that meets one it does
 * not know reads {@link #UNKNOWN}.
 */
public enum BreakerState {
    /** Commands reach the scanner. */
    CLOSED("closed"),
    /** The scanner failed too often in a row: commands for it fail at once, without calling it, until the retry time. */
    OPEN("open"),
    /** The retry time has come: the next command reaches the scanner; success closes the breaker, failure opens it longer. */
    HALF_OPEN("half-open"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    BreakerState(String wire) {
        this.wire = wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static BreakerState fromWire(String text) {
        return WireEnums.parse(BreakerState.class, text);
    }
}
