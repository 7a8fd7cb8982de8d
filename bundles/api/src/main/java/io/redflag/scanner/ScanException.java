// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

/** The plug-in could not do its work at all: the tool's answer was unusable or it could not be run. */
public class ScanException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScanException(String message) {
        super(message);
    }

    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
