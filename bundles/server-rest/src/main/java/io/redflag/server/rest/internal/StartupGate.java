// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ErrorDTO;
import io.redflag.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.Preprocessor;

/**
 * While the API is being built — at start, and whenever the JAX-RS runtime rebuilds the application as resources
 * come and go — the HTTP runtime already accepts requests, and the JAX-RS runtime answers them with an HTML
 * "No service was found" 404, or fails inside with a 500. Once the API is up neither happens: every unmatched route
 * is a JSON 404 ({@link NoRouteResource}) and every error a JSON body from an exception mapper. So an HTML 404 or a
 * servlet-level error is the sign of an API that is not ready, and this gate answers it as such: 503 with
 * Retry-After, in the API's JSON shape, which agents and proxies know to retry.
 */
@Component(service = Preprocessor.class)
public final class StartupGate implements Preprocessor {

    static final int RETRY_AFTER_SECONDS = 2;
    /** The console bundle's pages, outside the API. */
    static final String CONSOLE = "/console/";

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http) || (request instanceof HttpServletRequest r
                && r.getRequestURI().startsWith(CONSOLE))) {
            chain.doFilter(request, response); // the console's files: their 404 is a real one, in HTML
            return;
        }
        Gated gated = new Gated(http);
        try {
            chain.doFilter(request, gated);
        } catch (IOException | ServletException | RuntimeException e) {
            if (http.isCommitted()) {
                throw e;
            }
            gated.notReady = true;
        }
        if (gated.notReady && !http.isCommitted()) {
            http.reset();
            http.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            http.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            http.setContentType("application/json");
            http.getOutputStream().write(ProtocolJson.mapper().writeValueAsBytes(ErrorDTO.of("unavailable",
                    "the server is starting (or rebuilding its API); retry after " + RETRY_AFTER_SECONDS + " s")));
        }
    }

    @Override
    public void destroy() {
        // nothing held
    }

    /** Holds back a 404 until its content type shows whether it is the API's JSON or the runtime's HTML. */
    static final class Gated extends HttpServletResponseWrapper {
        boolean notReady;
        private int held;

        Gated(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            if (sc == SC_NOT_FOUND) {
                held = sc;
            } else {
                release();
                super.setStatus(sc);
            }
        }

        @Override
        public void setContentType(String type) {
            if (held == SC_NOT_FOUND && type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html")) {
                notReady = true;
                return;
            }
            release();
            super.setContentType(type);
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendError(sc, null);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (sc == SC_NOT_FOUND || sc >= 500) {
                notReady = true; // the API answers these itself, in JSON, when it is there
                return;
            }
            release();
            super.sendError(sc, msg);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (notReady) {
                return new PrintWriter(Writer.nullWriter());
            }
            release();
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (notReady) {
                return new Discarding();
            }
            release();
            return super.getOutputStream();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!notReady) {
                release();
                super.flushBuffer();
            }
        }

        private void release() {
            if (held != 0 && !notReady) {
                super.setStatus(held);
            }
            held = 0;
        }
    }

    /** Where the runtime's HTML goes while the gate answers instead. */
    private static final class Discarding extends ServletOutputStream {
        private final OutputStream sink = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // writes never block
        }
    }
}
