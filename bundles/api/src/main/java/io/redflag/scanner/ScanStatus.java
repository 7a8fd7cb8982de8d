// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

/**
 * How a scan went. New constants may be added in minor versions: a reader that meets one it does not know
 * reads {@link #UNKNOWN} and handles it like {@link #FAILED}.
 */
public enum ScanStatus {
    /** The tool answered; the report lists every pending update (possibly none). */
    OK,
    /** The package tool is not installed on this host; nothing is wrong with the host or the plug-in. */
    TOOL_MISSING,
    /** The tool answered in part (for example advisories unavailable); the report says what is missing. */
    PARTIAL,
    /** The scan did not produce a usable answer; {@link ScanReportDTO#message} says why. */
    FAILED,
    /** A status this reader does not know, sent by a newer plug-in or agent; handled like {@link #FAILED}. */
    UNKNOWN
}
