// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

/**
 * An agent below the server's minimum version checked in without a core update in flight: it is told to update (426)
 * and gets no work until an operator orders its update, which it can then fetch and run.
 */
public class UpgradeRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpgradeRequiredException(Object agentId, String version, String minimum) {
        super("agent " + agentId + " runs version " + version + ", below this server's minimum " + minimum
                + ": order a core update for it (POST /api/v1/agents/core-updates)");
    }
}
