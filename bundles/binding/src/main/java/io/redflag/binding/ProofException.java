// SPDX-License-Identifier: Apache-2.0
package io.redflag.binding;

/** A proof of possession that does not hold; the message says why, in words fit for the caller and the audit log. */
public class ProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
        super(message);
    }
}
