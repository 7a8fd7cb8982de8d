// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.signing.SignatureException;
import io.redflag.signing.SignatureVerifier;
import io.redflag.signing.SignedCommandDTO;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Whether a command handed out by the server may run here: signed by the pinned server key, addressed to
 * this agent, issued within the acceptance window (at most {@link #MAX_AGE} old, at most {@link #MAX_AHEAD}
 * ahead of this host's clock). Replays within the window are stopped by the executed ids the agent keeps
 * for the whole window ({@link AgentState#executed}).
 */
final class CommandGate {

    /** A signed command older than this is refused as stale, even with a valid signature. */
    static final Duration MAX_AGE = Duration.ofHours(24);
    /** Clock skew tolerated for a command dated in the future; anything later is refused. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private CommandGate() {}

    /** Why the command must not run, or null when it may. */
    static String refusal(SignatureVerifier verifier, String pinnedKey, String agentId, SignedCommandDTO cmd, Instant now) {
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
