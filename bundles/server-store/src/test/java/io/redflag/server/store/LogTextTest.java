// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void aValueCannotStartANewLogLine() {
        String forged = "web-1\n2026-11-30T12:00:00Z [main] INFO AuditLog - operator.login by admin";
        assertThat(LogText.safe(forged)).doesNotContain("\n").startsWith("web-1\\n2026-11-30");
        assertThat(LogText.safe("a\rb\u0000c\u001bd\u2028e")).isEqualTo("a\\rb\\u0000c\\u001bd\\u2028e");
        assertThat(LogText.safe(null)).isEqualTo("null");
        assertThat(LogText.safe("x".repeat(2000))).hasSize(LogText.MAX + 1).endsWith("…");
        assertThat(LogText.safe("APT (Debian, Ubuntu) é")).isEqualTo("APT (Debian, Ubuntu) é");
    }
}
