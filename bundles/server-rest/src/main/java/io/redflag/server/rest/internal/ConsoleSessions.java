// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.Accounts;
import java.time.Duration;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.core.Cookie;

/**
 * The console's session cookie and its CSRF rule, shared by {@link AccessControl} (operator routes) and
 * {@link SessionResource} (signing in and out): the session's secret only ever in an HttpOnly, SameSite=Strict cookie
 * (Secure behind TLS), and every change made with it carrying the session's CSRF token in {@link #CSRF_HEADER}.
 */
final class ConsoleSessions {

    static final String COOKIE = "redflag_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private ConsoleSessions() {}

    /** The secret in the request's session cookie, or null. */
    static String secret(java.util.Map<String, Cookie> cookies) {
        Cookie c = cookies == null ? null : cookies.get(COOKIE);
        String v = c == null ? null : c.getValue();
        return v == null || v.isEmpty() || v.length() > 200 ? null : v;
    }

    /** Whether a request made with {@code session} may go on: reads always; changes only with its CSRF token. */
    static boolean csrfHolds(String method, String sent, Accounts.Session session) {
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return true;
        }
        return sent != null && java.security.MessageDigest.isEqual(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                session.csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The Set-Cookie value that keeps {@code secret} for {@code maxAge} (zero: ends it now). */
    static String cookie(String secret, Duration maxAge, boolean secure) {
        return COOKIE + "=" + secret + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Whether the browser reached this server over TLS (directly, or through a proxy that says so). */
    static boolean overTls(java.net.URI requestUri, String forwardedProto) {
        return "https".equalsIgnoreCase(requestUri.getScheme()) || "https".equalsIgnoreCase(forwardedProto);
    }
}
