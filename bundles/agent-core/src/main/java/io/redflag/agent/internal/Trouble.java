// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import java.io.IOException;

/**
 * Why a round of the loop failed, and whether retrying soon can help. Transient trouble (network, a busy or restarting
 * server, 5xx, 429) is retried with backoff; terminal trouble (this agent's key or token refused, revoked, a server
 * that is not the pinned one, a registration refused, a version the server no longer serves) needs a person: it is
 * said once, then retried slowly. Only what certainly needs a person is terminal: a server starting up answers 404 or 503
 * for a moment, and that must not park a fleet for minutes.
 */
record Trouble(boolean terminal, String message, boolean upgradeRequired) {

    Trouble(boolean terminal, String message) {
        this(terminal, message, false);
    }

    /** A failure that retrying soon cannot fix, said in words an operator can act on. */
    static final class TerminalException extends IOException {
        private static final long serialVersionUID = 1L;

        TerminalException(String message) {
            super(message);
        }
    }

    static Trouble of(Exception e) {
        if (e instanceof TerminalException) {
            return new Trouble(true, e.getMessage());
        }
        if (e instanceof ServerClient.ServerException s) {
            int status = s.status;
            if (status == 426) {
                // an update order must find it within its 10 minutes: this one is retried every minute
                return new Trouble(true, "the server no longer serves this agent version (" + s.getMessage()
                        + "); it needs a newer core", true);
            }
            if (status == 401 || status == 403) {
                return new Trouble(true, "the server refuses this agent: " + s.getMessage());
            }
            if (status == 409) {
                return new Trouble(true, "the server refuses this agent's state: " + s.getMessage());
            }
            // anything else (a 404 or 503 from a server still starting, a 400 a newer server may not give) heals by itself
            return new Trouble(false, "server refused: " + s.getMessage());
        }
        if (e instanceof java.net.ConnectException) {
            return new Trouble(false, "cannot reach the server (connection refused)");
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return new Trouble(false, "the server did not answer in time");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return new Trouble(true, "the server's TLS certificate is not trusted: " + t.getMessage());
            }
        }
        return new Trouble(false, "cannot reach the server (" + e + ")");
    }
}
