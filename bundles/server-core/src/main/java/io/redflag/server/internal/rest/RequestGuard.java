// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import io.redflag.server.internal.auth.AccessTokens;
import io.redflag.server.internal.auth.AccessTokens.AgentClaims;
import io.redflag.server.internal.auth.AuditLog;
import io.redflag.server.internal.auth.OperatorTokens;
import io.redflag.server.internal.auth.OperatorTokens.Operator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Who may call what, in one place, failing closed: a route not listed as public or agent is an
 * operator route. Agent routes need an access token for that very agent, presented from the
 * machine it was issued to. Bodies above the limit are refused before anyone reads them.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JSONRequired
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class RequestGuard implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    static final String MACHINE_HEADER = "X-RedFlag-Machine-Id";
    private static final Set<String> PUBLIC_GET = Set.of("api/v1/health", "api/v1/info", "api/v1/public-key");
    private static final Set<String> PUBLIC_POST = Set.of("api/v1/agents/register", "api/v1/agents/token");
    private static final Pattern AGENT_ROUTE = Pattern.compile("api/v1/agents/([0-9a-fA-F-]{36})/(check-in|results)");

    private final AccessTokens accessTokens;
    private final OperatorTokens operators;
    private final AuditLog audit;

    @Activate
    public RequestGuard(@Reference AccessTokens accessTokens, @Reference OperatorTokens operators,
            @Reference AuditLog audit) {
        this.accessTokens = accessTokens;
        this.operators = operators;
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext req) throws IOException {
        limitBody(req);
        String path = req.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String method = req.getMethod();
        if ((method.equals("GET") || method.equals("HEAD")) && PUBLIC_GET.contains(path)
                || method.equals("POST") && PUBLIC_POST.contains(path)) {
            return;
        }
        String token = bearer(req);
        Matcher agentRoute = AGENT_ROUTE.matcher(path);
        if (agentRoute.matches() && method.equals("POST")) {
            if (token == null) {
                throw ApiException.unauthorized("this route needs the agent's access token (Authorization: Bearer …)");
            }
            AgentClaims claims;
            try {
                claims = accessTokens.verify(token);
            } catch (AccessTokens.InvalidTokenException e) {
                throw ApiException.unauthorized(e.getMessage());
            }
            if (!claims.agentId().equalsIgnoreCase(agentRoute.group(1))) {
                audit.securityEvent("agent:" + claims.agentId(), "agent.impersonation.refused",
                        "token of agent " + claims.agentId() + " used for agent " + agentRoute.group(1));
                throw ApiException.forbidden("this access token belongs to another agent");
            }
            String machine = req.getHeaderString(MACHINE_HEADER);
            if (machine == null || !machine.equals(claims.machineId())) {
                audit.securityEvent("agent:" + claims.agentId(), "agent.machine-binding.refused",
                        "access token presented with machine id '" + machine + "'");
                throw ApiException.forbidden("access token presented from another machine (" + MACHINE_HEADER + ")");
            }
            req.setSecurityContext(new Caller("agent:" + claims.agentId(), "agent"));
            return;
        }
        if (token == null) {
            throw ApiException.unauthorized("this route needs an operator token (Authorization: Bearer rfo_…)");
        }
        Optional<Operator> op = operators.authenticate(token);
        if (op.isEmpty()) {
            audit.securityEvent("anonymous", "operator.token.refused", method + " /" + path);
            throw ApiException.unauthorized("operator token unknown or revoked");
        }
        if (op.get().role().equals("viewer") && !method.equals("GET")) {
            throw ApiException.forbidden("the viewer role may only read");
        }
        req.setSecurityContext(new Caller("operator:" + op.get().name(), op.get().role()));
    }

    private static String bearer(ContainerRequestContext req) {
        String h = req.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = h.substring(7).trim();
        return t.isEmpty() || t.length() > 4096 ? null : t;
    }

    /** Refuses oversized bodies: by their declared length, or by reading at most the limit. */
    private static void limitBody(ContainerRequestContext req) throws IOException {
        int declared = req.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "request body over " + MAX_BODY_BYTES + " bytes");
        }
        if (declared < 0 && req.hasEntity()) {
            InputStream in = req.getEntityStream();
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "payload_too_large", "request body over " + MAX_BODY_BYTES + " bytes");
            }
            req.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /** The authenticated caller, as resources see it. */
    static final class Caller implements SecurityContext {
        private final String name;
        private final String role;

        Caller(String name, String role) {
            this.name = name;
            this.role = role;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String r) {
            return List.of(role).contains(r);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
