// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

/**
 * What a subsystem's records are. New constants may come in minor versions: a reader that meets one it does
 * not know reads {@link #UNKNOWN}, and never counts such records as pending updates or installs them.
 */
public enum SubsystemKind {
    /** Pending updates an operator may approve and install. */
    UPDATES,
    /**
     * Readings of the host (disk usage, memory…) in the same record shape: {@code id} names the reading,
     * {@code installedVersion} holds its value and {@code severity} how worrying it is. Never installable.
     */
    METRICS,
    /** A kind this reader does not know, sent by a newer peer: neither pending nor installable. */
    UNKNOWN
}
