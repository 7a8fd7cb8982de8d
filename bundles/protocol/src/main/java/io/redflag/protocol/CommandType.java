// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * What a signed command asks the agent to do.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum CommandType {
    /** Scan the subsystem named in the parameters. */
    SCAN("scan"),
    /** Compute the transaction plan of installing the named packages, changing nothing. */
    DRY_RUN("dry-run"),
    /** Install the named packages, if the host's plan still has the approved hash. */
    INSTALL("install"),
    /**
     * Replace the agent's core with the signed release named in the parameters ({@code coreVersion}, {@code platform},
     * {@code nonce}); valid for {@link #CORE_UPDATE_VALIDITY_SECONDS} after it was issued, run once.
     */
    CORE_UPDATE("core-update"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    /** How long after issue a core update order may start: the agent refuses an older one. */
    public static final int CORE_UPDATE_VALIDITY_SECONDS = 600;

    private final String wire;

    CommandType(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static CommandType fromWire(String text) {
        return WireEnums.parse(CommandType.class, text);
    }
}
