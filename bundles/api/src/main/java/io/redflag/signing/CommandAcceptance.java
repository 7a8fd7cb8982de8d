// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Whether a command handed out by the server may run on an agent: signed by the pinned server key, addressed to
 * that agent, issued within the acceptance window (at most {@link #MAX_AGE} old, at most {@link #MAX_AHEAD}
 * ahead of the agent's clock). Stopping replays within the window is the caller's part: it keeps the ids it
 * executed for the whole window. The agent runtime and the load simulator both accept commands by this rule.
 *
 * @since 1.1
 */
public final class CommandAcceptance {

    /** A signed command older than this is refused as stale, even with a valid signature. */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** Clock skew tolerated for a command dated in the future; anything later is refused. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private CommandAcceptance() {}

    /** Why the command must not run, or null when it may. */
    public static String refusal(SignatureVerifier verifier, String pinnedKey, String agentId, SignedCommandDTO cmd, Instant now) {
        try {
            verifier.verify(pinnedKey, cmd);
        } catch (SignatureException e) {
            return "bad signature: " + e.getMessage();
        }
        if (!agentId.equals(cmd.agentId)) {
            return "command is addressed to agent " + cmd.agentId;
        }
        Instant issued;
        try {
            issued = Instant.parse(cmd.issuedAt);
        } catch (DateTimeParseException | NullPointerException e) {
            return "command has no valid issuedAt";
        }
        if (issued.isBefore(now.minus(MAX_AGE))) {
            return "command is stale (issued " + cmd.issuedAt + ")";
        }
        if (issued.isAfter(now.plus(MAX_AHEAD))) {
            return "command is dated in the future (issued " + cmd.issuedAt + ", more than " + MAX_AHEAD.toMinutes()
                    + " min ahead of this host's clock)";
        }
        return null;
    }
}
