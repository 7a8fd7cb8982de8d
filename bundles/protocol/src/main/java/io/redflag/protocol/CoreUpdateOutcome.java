// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * How an attempt to replace an agent's core ended. New constants may come in minor versions: a reader that meets one it
 * does not know reads {@link #UNKNOWN}.
 */
public enum CoreUpdateOutcome {
    /** The new core started and checked in with its version: it is the agent's core now. */
    INSTALLED("installed"),
    /** The new core did not prove healthy in time (or died trying): the previous core runs again. */
    ROLLED_BACK("rolled-back"),
    /** The staged release was not taken (it did not match what was verified, or it was no newer). */
    REFUSED("refused"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    CoreUpdateOutcome(String wire) {
        this.wire = wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static CoreUpdateOutcome fromWire(String text) {
        return WireEnums.parse(CoreUpdateOutcome.class, text);
    }
}
