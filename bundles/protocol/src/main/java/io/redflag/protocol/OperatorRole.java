// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * What an operator token may do.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum OperatorRole {
    /** Everything, including managing operator tokens. */
    ADMIN("admin"),
    /** Everything but managing operator tokens. */
    OPERATOR("operator"),
    /** Reads only. */
    VIEWER("viewer"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    OperatorRole(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static OperatorRole fromWire(String text) {
        return WireEnums.parse(OperatorRole.class, text);
    }
}
