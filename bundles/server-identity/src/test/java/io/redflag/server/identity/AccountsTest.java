// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.protocol.AccountDTO;
import io.redflag.protocol.AccountRequestDTO;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.OperatorRole;
import io.redflag.protocol.PasswordChangeDTO;
import io.redflag.server.identity.internal.JdbcAccounts;
import io.redflag.server.store.Database;
import io.redflag.server.store.TestDatabase;
import io.redflag.server.store.internal.ChainedAuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    @TempDir
    Path dataDir;

    private final Database db = TestDatabase.fresh();

    private Accounts accounts() throws Exception {
        return new JdbcAccounts(db, new ChainedAuditLog(db), ServerFolder.at(dataDir));
    }

    private static PasswordChangeDTO change(String current, String next) {
        PasswordChangeDTO c = new PasswordChangeDTO();
        c.current = current;
        c.next = next;
        return c;
    }

    @Test
    void theFirstStartCreatesAnAdminWithAOneTimePasswordInAPrivateFileAndNeverAgain() throws Exception {
        Accounts accounts = accounts();
        Path file = dataDir.resolve(JdbcAccounts.INITIAL_PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(file).trim();
        assertThat(password).hasSize(20);
        Files.delete(file);
        accounts(); // a restart, or a second node
        assertThat(file).doesNotExist();
        assertThat(accounts.list()).singleElement().satisfies(a -> {
            assertThat(a.name).isEqualTo("admin");
            assertThat(a.role).isEqualTo(OperatorRole.ADMIN);
            assertThat(a.mustChangePassword).isTrue();
        });

        Accounts.Session s = accounts.signIn("admin", password).orElseThrow();
        assertThat(s.mustChangePassword()).isTrue();
        assertThat(s.secret()).startsWith("rfs_").isNotEqualTo(s.csrfToken());
        assertThat(s.toString()).doesNotContain(s.secret());
        assertThat(accounts.signIn("admin", password + "x")).isEmpty();
        assertThat(accounts.signIn("nobody", password)).isEmpty();
    }

    @Test
    void aPasswordChangeNeedsTheCurrentOneEndsEveryOtherSessionAndLiftsTheOneTimeRule() throws Exception {
        Accounts accounts = accounts();
        String first = Files.readString(dataDir.resolve(JdbcAccounts.INITIAL_PASSWORD_FILE)).trim();
        Accounts.Session a = accounts.signIn("admin", first).orElseThrow();
        Accounts.Session b = accounts.signIn("admin", first).orElseThrow();
        assertThatThrownBy(() -> accounts.changePassword(a.secret(), change("wrong-password", "a new long password")))
                .isInstanceOf(CredentialsRefusedException.class).hasMessage("the current password is not right");
        assertThatThrownBy(() -> accounts.changePassword(a.secret(), change(first, "short")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("12 to 1024 characters");
        Accounts.Session after = accounts.changePassword(a.secret(), change(first, "a new long password"));
        assertThat(after.mustChangePassword()).isFalse();
        assertThat(after.secret()).isNotEqualTo(a.secret());
        assertThat(accounts.session(a.secret())).as("the session that changed it, replaced").isEmpty();
        assertThat(accounts.session(b.secret())).as("every other session ended").isEmpty();
        assertThat(accounts.session(after.secret())).isPresent();
        assertThat(accounts.signIn("admin", first)).isEmpty();
        assertThat(accounts.signIn("admin", "a new long password")).isPresent();
    }

    @Test
    void sessionsEndWhenSignedOutIdleOrPastTheirLifetimeAndUnknownSecretsAreNothing() throws Exception {
        Accounts accounts = accounts();
        String first = Files.readString(dataDir.resolve(JdbcAccounts.INITIAL_PASSWORD_FILE)).trim();
        Accounts.Session s = accounts.signIn("admin", first).orElseThrow();
        assertThat(accounts.session(s.secret()).orElseThrow().operator().name()).isEqualTo("admin");
        assertThat(accounts.session("rfs_unknown")).isEmpty();
        assertThat(accounts.session("rfo_not-a-session")).isEmpty();
        assertThat(accounts.session(null)).isEmpty();

        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE console_sessions SET last_used_at = now() - "
                + "interval '31 minutes'"));
        assertThat(accounts.session(s.secret())).as("idle 31 minutes").isEmpty();
        Accounts.Session t = accounts.signIn("admin", first).orElseThrow();
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE console_sessions SET expires_at = now() - "
                + "interval '1 second'"));
        assertThat(accounts.session(t.secret())).as("past its lifetime, though just used").isEmpty();
        Accounts.Session u = accounts.signIn("admin", first).orElseThrow();
        accounts.signOut(u.secret());
        assertThat(accounts.session(u.secret())).isEmpty();
        accounts.signOut("rfs_unknown"); // nothing to end: nothing happens
    }

    @Test
    void adminsCreateAccountsWithAOneTimePasswordShownOnceAndNamesAreUnique() throws Exception {
        Accounts accounts = accounts();
        AccountRequestDTO r = new AccountRequestDTO();
        r.name = "bob";
        AccountDTO bob = accounts.create("operator:admin", r);
        assertThat(bob.role).as("the least that is useful").isEqualTo(OperatorRole.VIEWER);
        assertThat(bob.oneTimePassword).hasSize(20);
        assertThat(bob.createdBy).isEqualTo("operator:admin");
        assertThat(accounts.list()).extracting(a -> a.name + " " + a.oneTimePassword).containsExactly("admin null", "bob null");
        assertThat(accounts.signIn("bob", bob.oneTimePassword).orElseThrow().operator().role()).isEqualTo("viewer");
        assertThatThrownBy(() -> accounts.create("operator:admin", r)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("an account named bob exists");
        r.name = "bad name!";
        assertThatThrownBy(() -> accounts.create("operator:admin", r)).isInstanceOf(InvalidMessageException.class);
    }
}
