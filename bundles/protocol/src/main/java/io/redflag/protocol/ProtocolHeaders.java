// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/** Header names of the protocol. */
public final class ProtocolHeaders {

    /** The agent's machine id on every agent call; must match the one its access token was issued for. */
    public static final String MACHINE_ID = "X-RedFlag-Machine-Id";

    private ProtocolHeaders() {}
}
