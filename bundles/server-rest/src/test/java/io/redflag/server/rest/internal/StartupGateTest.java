// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** The gate turns the JAX-RS runtime's not-ready answers into 503s and lets the API's own answers through. */
class StartupGateTest {

    /** What reached the client: a response recorded through a dynamic proxy (the servlet API is an interface). */
    static final class Recorded {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean committed;

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    committed = true;
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "sendError" -> {
                            status = (Integer) args[0];
                            committed = true;
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "getOutputStream" -> out;
                        case "getWriter" -> new PrintWriter(out, true, StandardCharsets.UTF_8);
                        case "isCommitted" -> committed;
                        case "reset" -> {
                            status = 200;
                            contentType = null;
                            headers.clear();
                            body.reset();
                            yield null;
                        }
                        case "flushBuffer" -> {
                            committed = true;
                            yield null;
                        }
                        default -> null;
                    });
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static Recorded through(FilterChain chain) throws Exception {
        Recorded r = new Recorded();
        new StartupGate().doFilter(null, r.response(), chain);
        return r;
    }

    private static void assertNotReady(Recorded r) {
        assertThat(r.status).isEqualTo(503);
        assertThat(r.headers).containsEntry("Retry-After", "2");
        assertThat(r.contentType).isEqualTo("application/json");
        assertThat(r.text()).contains("\"error\":\"unavailable\"").doesNotContain("html").doesNotContain("Exception");
    }

    @Test
    void theRuntimesHtmlNotFoundServletErrorsAndEscapedExceptionsBecome503() throws Exception {
        assertNotReady(through((req, res) -> {
            HttpServletResponse http = (HttpServletResponse) res;
            http.setStatus(404);
            http.setContentType("text/html");
            http.getWriter().write("<html><body>No service was found.</body></html>");
        }));
        assertNotReady(through((req, res) -> ((HttpServletResponse) res).sendError(500)));
        assertNotReady(through((req, res) -> {
            throw new NullPointerException("incomingObserver");
        }));
    }

    @Test
    void theApisOwnAnswersPassUnchanged() throws Exception {
        Recorded notFound = through((req, res) -> {
            HttpServletResponse http = (HttpServletResponse) res;
            http.setStatus(404);
            http.setContentType("application/json");
            http.getOutputStream().write("{\"error\":\"not_found\"}".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(notFound.status).isEqualTo(404);
        assertThat(notFound.text()).isEqualTo("{\"error\":\"not_found\"}");

        Recorded ok = through((req, res) -> {
            ServletResponse r = res;
            r.setContentType("application/json");
            r.getOutputStream().write("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("{\"status\":\"ok\"}");

        Recorded notAllowed = through((req, res) -> ((HttpServletResponse) res).sendError(405));
        assertThat(notAllowed.status).isEqualTo(405);
    }
}
