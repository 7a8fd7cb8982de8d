// SPDX-License-Identifier: Apache-2.0
package io.redflag.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandAcceptanceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** Accepts what is signed "good" with the key "pinned", refuses anything else, as the real verifier would. */
    private static final SignatureVerifier VERIFIER = new SignatureVerifier() {
        @Override
        public String keyId(String publicKey) {
            return "kid";
        }

        @Override
        public void verify(String publicKey, byte[] data, String signature) throws SignatureException {
            if (!publicKey.equals("pinned") || !"good".equals(signature)) {
                throw new SignatureException("signature does not match");
            }
        }
    };

    private static SignedCommandDTO command(String issuedAt) {
        SignedCommandDTO c = new SignedCommandDTO();
        c.id = "c-1";
        c.agentId = "agent-1";
        c.type = "scan";
        c.params = "{}";
        c.issuedAt = issuedAt;
        c.keyId = "kid";
        c.signature = "good";
        return c;
    }

    private static String refusal(SignedCommandDTO c) {
        return CommandAcceptance.refusal(VERIFIER, "pinned", "agent-1", c, NOW);
    }

    @Test
    void aFreshCommandSignedForThisAgentRuns() {
        assertThat(refusal(command("2026-11-30T11:59:00Z"))).isNull();
        assertThat(refusal(command("2026-11-30T12:04:00Z"))).as("4 min ahead: clock skew").isNull();
        assertThat(refusal(command("2026-11-29T12:01:00Z"))).as("23 h 59 min old").isNull();
    }

    @Test
    void staleFutureForeignOrForgedCommandsAreRefusedWithTheReason() {
        assertThat(refusal(command("2026-11-29T11:59:00Z"))).startsWith("command is stale");
        assertThat(refusal(command("2026-11-30T12:06:00Z"))).startsWith("command is dated in the future");
        assertThat(refusal(command("2036-11-30T12:00:00Z"))).startsWith("command is dated in the future");
        assertThat(refusal(command("yesterday"))).isEqualTo("command has no valid issuedAt");
        SignedCommandDTO other = command("2026-11-30T11:59:00Z");
        other.agentId = "agent-2";
        assertThat(refusal(other)).isEqualTo("command is addressed to agent agent-2");
        SignedCommandDTO forged = command("2026-11-30T11:59:00Z");
        forged.signature = "forged";
        assertThat(refusal(forged)).startsWith("bad signature");
    }
}
