// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * What an agent's local policy lets the server make it do. The policy lives in the agent's own (root-owned)
 * configuration; the server shows it and offers nothing outside it, and the agent refuses anything outside it anyway.
 * New constants may come in minor versions: a reader that meets one it does not know reads {@link #UNKNOWN}.
 */
public enum AgentAction {
    /** Look for updates and read the host. An agent always accepts scans. */
    SCAN("scan"),
    /** Compute a transaction plan without changing the host. */
    DRY_RUN("dry-run"),
    /** Install packages along an approved plan. */
    INSTALL("install"),
    /** Bring in, swap and remove plug-in bundles the server offers. */
    BUNDLE_UPDATES("bundle-updates"),
    /** Replace the agent's core with a newer signed release. */
    CORE_UPDATES("core-updates"),
    /** A constant this reader does not know: sent by a newer peer. */
    UNKNOWN("unknown");

    private final String wire;

    AgentAction(String wire) {
        this.wire = wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static AgentAction fromWire(String text) {
        return WireEnums.parse(AgentAction.class, text);
    }
}
