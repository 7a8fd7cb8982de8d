// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import java.util.Optional;

/**
 * TUF metadata or a target that does not hold, or could not be obtained. The {@link #reason()} says what kind of
 * failure it is, {@link #role()} which role's metadata it concerns, and the message says it in words fit for a log.
 * <p>
 * The client throws nothing else for bad input: malformed JSON, wrong types and missing fields are
 * {@link Reason#MALFORMED}.
 */
public class TufException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure. New constants may be added in minor versions. */
    public enum Reason {
        /** Not JSON, a field missing or of the wrong type, the wrong {@code _type}, an unsupported spec version. */
        MALFORMED,
        /** Too few valid signatures, and some of the role's signing keys are of a type or scheme not supported. */
        UNSUPPORTED_KEY,
        /** Too few valid signatures from distinct keys of the role (the message says how many of how many). */
        THRESHOLD_NOT_MET,
        /** The metadata expired before the update started: a possible freeze attack. */
        EXPIRED,
        /** A version lower than the one trusted, or a role listed before has disappeared. */
        ROLLBACK,
        /** A version other than the one asked for or listed by the referring role (mix-and-match). */
        VERSION_MISMATCH,
        /** Length or hashes differ from those the referring metadata lists, or a hash cannot be checked. */
        LENGTH_OR_HASH_MISMATCH,
        /** More bytes than allowed: the signed length, or the configured cap when none is signed. */
        TOO_LARGE,
        /** Metadata the workflow needs is not on the repository or not listed by the snapshot. */
        METADATA_NOT_FOUND,
        /** No trusted role lists the target. */
        TARGET_NOT_FOUND,
        /** The repository could not be read (network, server error). */
        FETCH_FAILED,
        /** The local metadata or target folder could not be read or written. */
        STORAGE_FAILED
    }

    private final Reason reason;
    private final String role;

    /**
     * @param reason what kind of failure
     * @param role the role whose metadata is concerned, or {@code null}
     * @param message the failure in words
     */
    public TufException(Reason reason, String role, String message) {
        this(reason, role, message, null);
    }

    /**
     * @param reason what kind of failure
     * @param role the role whose metadata is concerned, or {@code null}
     * @param message the failure in words
     * @param cause the underlying exception, or {@code null}
     */
    public TufException(Reason reason, String role, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.role = role;
    }

    /** What kind of failure this is. */
    public Reason reason() {
        return reason;
    }

    /** The role whose metadata failed, when the failure concerns one. */
    public Optional<String> role() {
        return Optional.ofNullable(role);
    }
}
