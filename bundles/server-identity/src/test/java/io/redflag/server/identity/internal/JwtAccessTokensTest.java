// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.server.identity.AgentIdentity;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JwtAccessTokensTest {

    private final Database db = TestDatabase.fresh();
    private final JwtAccessTokens tokens = new JwtAccessTokens(db);

    @Test
    void aTokenVerifiedOnceIsKnownByItsExactTextUntilItExpiresAndNothingElseIs() throws Exception {
        String token = tokens.issue("agent-1", "machine-1", "thumb-1");
        AgentIdentity first = tokens.verify(token);
        assertThat(first.agentId()).isEqualTo("agent-1");
        assertThat(tokens.verify(token)).isEqualTo(first);

        // one character changed in the signature or the payload: verified afresh, and refused (the signature's first
        // character: its last one carries two unused bits, and changing only those decodes to the same signature)
        String[] parts = token.split("\\.");
        char first0 = parts[2].charAt(0);
        String forged = parts[0] + "." + parts[1] + "." + (first0 == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(CredentialsRefusedException.class);
        String otherPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx." + parts[2];
        assertThatThrownBy(() -> tokens.verify(otherPayload)).isInstanceOf(CredentialsRefusedException.class);

        // expired long ago: refused; about to expire (inside the 30 s skew): taken, then refused once past it
        assertThatThrownBy(() -> tokens.verify(tokens.issue("agent-1", "machine-1", "thumb-1", Duration.ofSeconds(-60))))
                .hasMessage("access token expired");
        String ending = tokens.issue("agent-1", "machine-1", "thumb-1", Duration.ofMillis(-29_000));
        assertThat(tokens.verify(ending).agentId()).isEqualTo("agent-1");
        Thread.sleep(1_200);
        assertThatThrownBy(() -> tokens.verify(ending)).isInstanceOf(CredentialsRefusedException.class)
                .hasMessage("access token expired");
    }
}
