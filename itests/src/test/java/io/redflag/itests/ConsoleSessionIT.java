// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in over real HTTP: the first admin's one-time password from its private file, which must be
 * changed before anything else; a session cookie a script cannot read (HttpOnly, SameSite=Strict, Secure behind TLS);
 * every change in a session carrying its CSRF token, refused and audited without it; a viewer who can only read;
 * signing out ending the session; and operator tokens working as before.
 */
class ConsoleSessionIT {

    private static final String NEW_PASSWORD = "a long new admin password";

    @Test
    void anAdminSignsInChangesTheOneTimePasswordAndWorksByCookieWithItsCsrfToken() throws Exception {
        Fleet fleet = Fleet.get();
        Http http = fleet.http;
        String oneTime = Files.readString(fleet.dataDir.resolve("server/initial-admin-password")).trim();

        Http.Answer wrong = http.request("POST", "/api/v1/session", null, signIn("admin", oneTime + "x"), Map.of());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("detail").asText()).isEqualTo("name or password not right");
        assertThat(wrong.headers()).doesNotContainKey("set-cookie");
        assertThat(http.request("POST", "/api/v1/session", null, signIn("nobody", oneTime), Map.of()).status())
                .as("an unknown name: the same answer").isEqualTo(401);

        Http.Answer in = http.request("POST", "/api/v1/session", null, signIn("admin", oneTime),
                Map.of("X-Forwarded-Proto", "https"));
        assertThat(in.status()).isEqualTo(200);
        String setCookie = in.headers().get("set-cookie");
        assertThat(setCookie).startsWith("redflag_session=rfs_").contains("; HttpOnly", "; SameSite=Strict", "; Path=/",
                "; Secure");
        String cookie = cookie(setCookie);
        assertThat(in.raw()).as("the secret only in the cookie").doesNotContain(cookie.substring("redflag_session=".length()));
        assertThat(in.body().get("name").asText()).isEqualTo("admin");
        assertThat(in.body().get("role").asText()).isEqualTo("admin");
        assertThat(in.body().get("mustChangePassword").asBoolean()).isTrue();
        String csrf = in.body().get("csrfToken").asText();
        assertThat(csrf).hasSizeGreaterThan(20);
        assertThat(http.request("POST", "/api/v1/session", null, signIn("admin", oneTime), Map.of()).headers()
                .get("set-cookie")).as("over plain HTTP: not Secure").doesNotContain("Secure");

        Http.Answer first = http.request("GET", "/api/v1/agents", null, null, Map.of("Cookie", cookie));
        assertThat(first.status()).isEqualTo(403);
        assertThat(first.body().get("detail").asText()).contains("change the one-time password first");
        Http.Answer guessed = http.request("PUT", "/api/v1/session/password", null,
                "{\"current\":\"a guess at it\",\"next\":\"" + NEW_PASSWORD + "\"}", Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(guessed.status()).isEqualTo(401);
        assertThat(auditCount(fleet, "account.password.refused")).as("counted and audited like a sign-in").isEqualTo(1);
        String change = "{\"current\":\"" + oneTime + "\",\"next\":\"" + NEW_PASSWORD + "\"}";
        Http.Answer noCsrf = http.request("PUT", "/api/v1/session/password", null, change, Map.of("Cookie", cookie));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.body().get("detail").asText()).contains("CSRF token");
        Http.Answer changed = http.request("PUT", "/api/v1/session/password", null, change,
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().get("mustChangePassword").asBoolean()).isFalse();
        assertThat(http.request("GET", "/api/v1/session", null, null, Map.of("Cookie", cookie)).status())
                .as("the session that changed it is replaced").isEqualTo(401);
        cookie = cookie(changed.headers().get("set-cookie"));
        csrf = changed.body().get("csrfToken").asText();

        Map<String, String> session = Map.of("Cookie", cookie);
        assertThat(http.request("GET", "/api/v1/agents", null, null, session).status()).isEqualTo(200);
        assertThat(http.request("GET", "/api/v1/session", null, null, session).body().get("name").asText()).isEqualTo("admin");
        String seats = "{\"seats\":1}";
        Http.Answer forged = http.request("POST", "/api/v1/registration-tokens", null, seats, session);
        assertThat(forged.status()).as("a cross-site request carries the cookie, never the token").isEqualTo(403);
        Http.Answer wrongToken = http.request("POST", "/api/v1/registration-tokens", null, seats,
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf + "x"));
        assertThat(wrongToken.status()).isEqualTo(403);
        Map<String, String> withCsrf = new HashMap<>(session);
        withCsrf.put("X-CSRF-Token", csrf);
        assertThat(http.request("POST", "/api/v1/registration-tokens", null, seats, withCsrf).status()).isEqualTo(201);
        assertThat(auditCount(fleet, "console.csrf.refused")).isGreaterThanOrEqualTo(2);

        // a viewer created by the admin's session reads and changes nothing
        Http.Answer viewer = http.request("POST", "/api/v1/accounts", null, "{\"name\":\"vera\",\"role\":\"viewer\"}", withCsrf);
        assertThat(viewer.status()).isEqualTo(201);
        String veraOneTime = viewer.body().get("oneTimePassword").asText();
        Http.Answer vera = http.request("POST", "/api/v1/session", null, signIn("vera", veraOneTime), Map.of());
        Map<String, String> veraChange = Map.of("Cookie", cookie(vera.headers().get("set-cookie")), "X-CSRF-Token",
                vera.body().get("csrfToken").asText());
        Http.Answer veraIn = http.request("PUT", "/api/v1/session/password", null,
                "{\"current\":\"" + veraOneTime + "\",\"next\":\"vera's own long password\"}", veraChange);
        Map<String, String> veraSession = Map.of("Cookie", cookie(veraIn.headers().get("set-cookie")), "X-CSRF-Token",
                veraIn.body().get("csrfToken").asText());
        assertThat(http.request("GET", "/api/v1/agents", null, null, veraSession).status()).isEqualTo(200);
        Http.Answer refused = http.request("POST", "/api/v1/registration-tokens", null, seats, veraSession);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("detail").asText()).isEqualTo("the viewer role may only read");
        assertThat(http.request("GET", "/api/v1/accounts", null, null, veraSession).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/accounts", fleet.operatorToken).body()).extracting(a -> a.get("name").asText())
                .contains("admin", "vera");

        Http.Answer out = http.request("DELETE", "/api/v1/session", null, null, withCsrf);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.headers().get("set-cookie")).contains("Max-Age=0");
        assertThat(http.request("GET", "/api/v1/agents", null, null, session).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/agents", fleet.operatorToken).status()).as("operator tokens work as before")
                .isEqualTo(200);
    }

    private static String signIn(String name, String password) {
        return "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    private static String cookie(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static long auditCount(Fleet fleet, String action) throws Exception {
        try (var sql = fleet.sql(); var ps = sql.prepareStatement("SELECT count(*) FROM audit_log WHERE action = ?")) {
            ps.setString(1, action);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
