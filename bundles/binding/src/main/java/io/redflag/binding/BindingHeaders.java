// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding;

/** Where proofs travel. */
public final class BindingHeaders {

    /** The request header carrying the proof (the name RFC 9449 gives it). */
    public static final String PROOF = "DPoP";

    private BindingHeaders() {}
}
