// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.protocol.json.ProtocolJson;
import io.redflag.server.artifacts.DesiredStates;
import io.redflag.server.commands.CommandQueue;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usual check-in answered before the JAX-RS runtime: nearly every call a fleet makes is a check-in that reports
 * nothing new and finds nothing waiting, and for it the runtime's dispatch, filters and providers cost more than the
 * work (a profile of the check-in put the JAX-RS runtime at a third of the server's CPU). This lane serves exactly that
 * call — the same admission ({@link Admission}: token, key, agent, machine, allowance), the same read
 * ({@link CommandQueue#quietCheckIn}), the same answer and metrics — and hands every other request, and every
 * check-in it is not sure of, to the route unchanged (its body given back), which then says why it refuses, audits
 * and does the work. It never refuses anything itself.
 */
@Component(service = Preprocessor.class)
public final class CheckInLane implements Preprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(CheckInLane.class);
    /** {@code /api/v1/agents/{id}/check-in} with an id in the form the server issues. */
    private static final Pattern ROUTE = Pattern.compile(
            "/api/v1/agents/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/check-in");
    static final String TEMPLATE = "/api/v1/agents/{id}/check-in";
    /** Larger check-ins (an agent reporting many bundles) take the route. */
    static final int MAX_BODY = 64 * 1024;

    private final Admission admission;
    private final CommandQueue commands;
    private final DesiredStates desiredStates;
    private final ServerMetrics metrics;

    @Activate
    public CheckInLane(@Reference Admission admission, @Reference CommandQueue commands,
            @Reference DesiredStates desiredStates, @Reference ServerMetrics metrics) {
        this.admission = admission;
        this.commands = commands;
        this.desiredStates = desiredStates;
        this.metrics = metrics;
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)
                || !"POST".equals(http.getMethod()) || http.getQueryString() != null) {
            chain.doFilter(request, response);
            return;
        }
        Matcher route = ROUTE.matcher(http.getRequestURI());
        long length = http.getContentLengthLong();
        String type = http.getContentType();
        if (!route.matches() || length < 0 || length > MAX_BODY || type == null
                || !type.regionMatches(true, 0, "application/json", 0, 16)) {
            chain.doFilter(request, response);
            return;
        }
        long started = System.nanoTime();
        byte[] body = http.getInputStream().readNBytes((int) length);
        byte[] answer = null;
        if (body.length == length) {
            try {
                answer = serve(http, route.group(1), body);
            } catch (RuntimeException e) {
                // the route meets the same trouble and answers it as it should (a 503 for an unreachable database…)
                LOG.debug("check-in lane handing a check-in to the route: {}", e.toString());
            }
        }
        if (answer == null) {
            chain.doFilter(new ReadAgain(http, body), response);
            return;
        }
        out.setStatus(200);
        out.setContentType("application/json");
        out.setContentLength(answer.length);
        out.getOutputStream().write(answer);
        metrics.request("POST", TEMPLATE, 200, System.nanoTime() - started);
        metrics.checkIn(ServerMetrics.FAST_LANE);
    }

    /** The answer's bytes, or null for the route to handle the call. */
    private byte[] serve(HttpServletRequest http, String agentId, byte[] body) throws IOException {
        Admission.AgentCaller caller = admission.admitQuietly(Admission.address(http), http.getHeader("Authorization"), agentId,
                http.getHeader(ProtocolHeaders.MACHINE_ID));
        if (caller == null) {
            return null;
        }
        // admitted: the agent's allowance is taken; a check-in handed to the route after all is not charged twice
        http.setAttribute(Admission.ALLOWANCE_TAKEN, agentId);
        CheckInRequestDTO req;
        try {
            req = ProtocolJson.mapper().readValue(body, CheckInRequestDTO.class);
        } catch (IOException e) {
            return null;
        }
        if (req == null) {
            return null;
        }
        UUID id = UUID.fromString(agentId);
        Optional<CheckInResponseDTO> quiet = commands.quietCheckIn(id, caller.keyThumbprint(), req);
        if (quiet.isEmpty()) {
            return null;
        }
        CheckInResponseDTO out = quiet.get();
        out.desiredState = AgentsResource.desiredState(desiredStates, id, req);
        return ProtocolJson.mapper().writeValueAsBytes(out);
    }

    /** The request with its body, already read by the lane, to be read again by the route. */
    static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }
    }
}
