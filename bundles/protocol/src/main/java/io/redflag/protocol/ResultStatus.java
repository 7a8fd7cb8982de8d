// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * How an agent says a command ended.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum ResultStatus {
    /** It ran and worked. */
    COMPLETED("completed"),
    /** It ran and did not work; the message says why. */
    FAILED("failed"),
    /** The agent would not run it; the message says why. */
    REFUSED("refused"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    ResultStatus(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static ResultStatus fromWire(String text) {
        return WireEnums.parse(ResultStatus.class, text);
    }
}
