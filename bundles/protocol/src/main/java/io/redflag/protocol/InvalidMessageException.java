// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/** A message that breaks a rule of the protocol: {@link #field()} names what, the message says why. */
public class InvalidMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidMessageException(String field, String problem) {
        super(field == null ? problem : field + " " + problem);
        this.field = field;
    }

    /** The field at fault, as a JSON path ({@code scan.updates[3].name}); null for the message as a whole. */
    public String field() {
        return field;
    }
}
