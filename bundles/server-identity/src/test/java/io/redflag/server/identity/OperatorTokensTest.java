// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.OperatorRole;
import io.redflag.protocol.OperatorTokenDTO;
import io.redflag.protocol.OperatorTokenRequestDTO;
import io.redflag.server.identity.internal.JdbcOperatorTokens;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorTokensTest {

    @TempDir
    Path dataDir;

    private final Database db = TestDatabase.fresh();

    private Operators operators() throws Exception {
        return new JdbcOperatorTokens(db, new ChainedAuditLog(db), ServerFolder.at(dataDir));
    }

    private static OperatorTokenRequestDTO request(String name, OperatorRole role) {
        OperatorTokenRequestDTO r = new OperatorTokenRequestDTO();
        r.name = name;
        r.role = role;
        return r;
    }

    @Test
    void adminsGiveEachPersonATokenWithARoleAndRevokeIt() throws Exception {
        Operators ops = operators();
        String initial = Files.readString(dataDir.resolve(JdbcOperatorTokens.INITIAL_TOKEN_FILE)).trim();
        assertThat(ops.authenticate(initial).orElseThrow().role()).isEqualTo("admin");

        OperatorTokenDTO alice = ops.create("operator:admin", request("alice@example.org", OperatorRole.OPERATOR));
        assertThat(alice.token).startsWith("rfo_");
        assertThat(ops.authenticate(alice.token).orElseThrow().name()).isEqualTo("alice@example.org");
        OperatorTokenDTO bob = ops.create("operator:admin", request("bob", null));
        assertThat(bob.role).as("the least useful role by default").isEqualTo(OperatorRole.VIEWER);

        assertThat(ops.list()).extracting(t -> t.name).contains("admin", "alice@example.org", "bob");
        assertThat(ops.list()).allSatisfy(t -> assertThat(t.token).isNull());

        assertThat(ops.revoke("operator:admin", UUID.fromString(alice.id)).revokedAt).isNotNull();
        assertThat(ops.authenticate(alice.token)).isEmpty();
        assertThatThrownBy(() -> ops.revoke("operator:admin", UUID.randomUUID())).isInstanceOf(UnknownOperatorTokenException.class);
    }

    @Test
    void theLastAdminTokenCannotBeRevoked() throws Exception {
        Operators ops = operators();
        OperatorTokenDTO first = ops.list().get(0);
        assertThatThrownBy(() -> ops.revoke("operator:admin", UUID.fromString(first.id))).isInstanceOf(LastAdminException.class)
                .hasMessageContaining("create another admin token first");
        OperatorTokenDTO second = ops.create("operator:admin", request("carol", OperatorRole.ADMIN));
        assertThat(ops.revoke("operator:admin", UUID.fromString(first.id)).revokedAt).isNotNull();
        assertThatThrownBy(() -> ops.revoke("operator:carol", UUID.fromString(second.id))).isInstanceOf(LastAdminException.class);
    }

    @Test
    void namesAndRolesAreChecked() throws Exception {
        Operators ops = operators();
        assertThatThrownBy(() -> ops.create("operator:admin", request("has space", OperatorRole.VIEWER)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> ops.create("operator:admin", request("x", OperatorRole.UNKNOWN)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> ops.create("operator:admin", null)).isInstanceOf(InvalidMessageException.class);
    }
}
