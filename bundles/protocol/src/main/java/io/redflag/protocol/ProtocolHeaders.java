// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/** Header names of the protocol. */
public final class ProtocolHeaders {

    /** The agent's machine id on every agent call; must match the one its access token was issued for. */
    public static final String MACHINE_ID = "X-RedFlag-Machine-Id";
    /**
     * On {@code 1.root.json} of the update metadata: the server key's signature (Base64) over
     * {@link #TRUSTED_ROOT_CONTEXT} followed by the file's bytes. An agent takes its first TUF root only with a valid
     * one by the key it pinned at registration; every later root is checked by TUF itself.
     */
    public static final String ROOT_SIGNATURE = "X-RedFlag-Root-Signature";
    /** What the server key signs before the root's bytes, so that this signature can never pass for a command's. */
    public static final String TRUSTED_ROOT_CONTEXT = "RedFlag trusted update root\n";

    private ProtocolHeaders() {}
}
