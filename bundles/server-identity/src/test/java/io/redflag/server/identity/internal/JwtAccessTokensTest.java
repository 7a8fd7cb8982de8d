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

        // one character changed in the signature or the payload: verified afresh, and refused
        char last = token.charAt(token.length() - 1);
        String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(CredentialsRefusedException.class);
        String[] parts = token.split("\\.");
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
