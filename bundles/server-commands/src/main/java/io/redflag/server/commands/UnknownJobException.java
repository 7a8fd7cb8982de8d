// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/** No bulk job has this id. */
public class UnknownJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownJobException(Object jobId) {
        super("no job " + jobId);
    }
}
