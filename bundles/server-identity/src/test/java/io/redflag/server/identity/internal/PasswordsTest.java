// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashVerifiesItsPasswordOnlyAndNamesItsParameters() {
        String h = Passwords.hash("correct horse battery staple");
        assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.verify("correct horse battery staple", h)).isTrue();
        assertThat(Passwords.verify("correct horse battery stapler", h)).isFalse();
        assertThat(Passwords.verify("", h)).isFalse();
        assertThat(Passwords.hash("correct horse battery staple")).as("salted").isNotEqualTo(h);
        assertThat(Passwords.verify("ünïcödé pässwörd ✓", Passwords.hash("ünïcödé pässwörd ✓"))).isTrue();
    }

    @Test
    void anythingButSuchAHashVerifiesNothingAndCostsNothing() {
        String h = Passwords.hash("a password of some length");
        String[] parts = h.split("\\$");
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.verify("x", "")).isFalse();
        assertThat(Passwords.verify("x", "plain text")).isFalse();
        assertThat(Passwords.verify("a password of some length", h.replace("argon2id", "argon2i"))).isFalse();
        assertThat(Passwords.verify("a password of some length", "$argon2id$v=19$m=99999999,t=2,p=1$" + parts[4] + "$"
                + parts[5])).as("absurd memory refused unread").isFalse();
        assertThat(Passwords.verify("a password of some length", "$argon2id$v=19$m=19456,t=2,p=1$!!$" + parts[5])).isFalse();
        // a hash made with other parameters (stronger, later) still verifies
        assertThat(Passwords.verify("a password of some length", h)).isTrue();
    }

    @Test
    void oneTimePasswordsAreReadableAndDifferent() {
        String a = Passwords.oneTime();
        assertThat(a).hasSize(20).doesNotContainPattern("[0O1lI]").matches("[A-Za-z2-9]{20}");
        assertThat(Passwords.oneTime()).isNotEqualTo(a);
    }
}
