// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * Whether an agent may check in.
 * <p>
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum AgentStatus {
    /** Registered and allowed to check in. */
    ACTIVE("active"),
    /** Refused at every call; an operator deletes it, or rebinds it to let a machine register as it again. */
    REVOKED("revoked"),
    /**
     * An operator allowed the next registration from a given machine id to take this agent over with a new key
     * (a reinstalled or replaced machine); until then every call with the old credentials is refused.
     */
    REBINDING("rebinding"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    AgentStatus(String wire) {
        this.wire = wire;
    }

    /** The form on the wire and in the database. */
    @Override
    public String toString() {
        return wire;
    }

    /** The constant whose wire form (or name) is {@code text}, ignoring case; {@link #UNKNOWN} for anything else. */
    public static AgentStatus fromWire(String text) {
        return WireEnums.parse(AgentStatus.class, text);
    }
}
