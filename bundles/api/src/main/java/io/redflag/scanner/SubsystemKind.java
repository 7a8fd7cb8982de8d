// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

/** What a subsystem's records are. New constants may come in minor versions. */
public enum SubsystemKind {
    /** Pending updates an operator may approve and install. */
    UPDATES,
    /**
     * Readings of the host (disk usage, memory…) in the same record shape: {@code id} names the reading,
     * {@code installedVersion} holds its value and {@code severity} how worrying it is. Never installable.
     */
    METRICS
}
