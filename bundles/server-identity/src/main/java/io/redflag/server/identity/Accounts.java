// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import io.redflag.protocol.AccountDTO;
import io.redflag.protocol.AccountRequestDTO;
import io.redflag.protocol.PasswordChangeDTO;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Console accounts: people sign in with a name and a password (Argon2id) and get a session, kept by their browser in
 * an HttpOnly cookie, with a CSRF token for every change. On the very first start an {@code admin} account is created
 * with a one-time password written to {@code <data dir>/initial-admin-password} (0600), to be changed at the first
 * sign-in; there is never a default password. Since 1.2.
 */
@ProviderType
public interface Accounts {

    /** How long a session lives without being used. */
    java.time.Duration IDLE = java.time.Duration.ofMinutes(30);
    /** How long a session lives however it is used. */
    java.time.Duration LIFETIME = java.time.Duration.ofHours(12);

    /**
     * A signed-in session: its secret (for the cookie only), its CSRF token, who it is, and when it ends.
     *
     * @param mustChangePassword the account still has its one-time password: only a password change is allowed
     */
    record Session(String secret, String csrfToken, OperatorIdentity operator, boolean mustChangePassword,
            Instant idleExpiresAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "session of " + operator.name(); // never the secret
        }
    }

    /**
     * A new session for the account with this name and password; empty (one answer for an unknown name, a wrong
     * password and a disabled account) otherwise.
     */
    Optional<Session> signIn(String name, String password);

    /** The session whose cookie holds this secret, if it is neither ended nor idle too long; using it keeps it alive. */
    Optional<Session> session(String secret);

    /** Ends the session (signing out); nothing when there is none. */
    void signOut(String secret);

    /**
     * Replaces the signed-in account's password and ends every other session of the account.
     *
     * @throws CredentialsRefusedException when {@code current} is not the account's password
     */
    Session changePassword(String secret, PasswordChangeDTO change);

    /** A new account with a one-time password (in the answer only) its holder must change at the first sign-in. */
    AccountDTO create(String by, AccountRequestDTO request);

    /** Every account, oldest first; never a password. */
    List<AccountDTO> list();
}
