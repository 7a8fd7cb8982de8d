// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ProtocolHeaders;
import io.redflag.server.identity.Accounts;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.identity.OperatorIdentity;
import io.redflag.server.identity.Operators;
import io.redflag.server.store.AuditLog;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Optional;
import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what, and how often. Read from the matched resource method's annotation ({@link PublicRoute},
 * {@link AgentRoute}, {@link OperatorRoute}) and failing closed: a method without one is refused, and a
 * test enumerates the running server's resource methods so that none ships without one.
 * <p>
 * The rate limits and the admission of agents are {@link Admission}'s (the check-in lane applies the same). Over a
 * limit: 429 with Retry-After. Refusals are audited in aggregate ({@link AuditLog#refusal}).
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JSONRequired
@Priority(Priorities.AUTHENTICATION)
public final class AccessControl implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest http;

    private final Operators operators;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Admission admission;

    @Activate
    public AccessControl(@Reference Operators operators, @Reference Accounts accounts, @Reference AuditLog audit,
            @Reference Admission admission) {
        this.operators = operators;
        this.accounts = accounts;
        this.audit = audit;
        this.admission = admission;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return; // nothing matched: the runtime answers 404/405 itself
        }
        String address = Admission.address(http);
        long refused = admission.refusals.waitFor(address, System.nanoTime());
        if (refused > 0) {
            throw ApiException.tooManyRequests("too many refused credentials from " + address, refused);
        }
        try {
            route(req, method, address);
        } catch (ApiException | CredentialsRefusedException e) {
            int status = e instanceof ApiException a ? a.status() : 401;
            if (status == 401 || status == 403) {
                admission.refusals.take(address, System.nanoTime());
            }
            throw e;
        }
    }

    private void route(ContainerRequestContext req, Method method, String address) {
        if (has(method, PublicRoute.class)) {
            if (req.getMethod().equals(HttpMethod.GET)) {
                limit(admission.publicReads, address, "reads from " + address);
            } else {
                limit(admission.publicCalls, address, "registrations and renewals (and sign-ins) from " + address);
            }
            return;
        }
        if (has(method, AgentRoute.class)) {
            agent(req);
        } else if (has(method, OperatorRoute.class)) {
            operator(req, address, admin(method));
        } else {
            LOG.error("refused a call to {}.{}: the method has no access annotation", method.getDeclaringClass().getSimpleName(),
                    method.getName());
            throw ApiException.forbidden("this route has no access rule; refused");
        }
    }

    private static void limit(TokenBuckets buckets, String key, String what) {
        long wait = buckets.take(key, System.nanoTime());
        if (wait > 0) {
            throw ApiException.tooManyRequests("too many " + what, wait);
        }
    }

    /** The agent whose allowance the check-in lane took for this very request, if it did. */
    private String allowanceTaken() {
        try {
            Object taken = http == null ? null : http.getAttribute(Admission.ALLOWANCE_TAKEN);
            return taken instanceof String s ? s : null;
        } catch (RuntimeException e) {
            return null; // no servlet request behind this call
        }
    }

    private static boolean has(Method m, Class<? extends java.lang.annotation.Annotation> a) {
        return m.isAnnotationPresent(a) || m.getDeclaringClass().isAnnotationPresent(a);
    }

    private void agent(ContainerRequestContext req) {
        Admission.AgentCheck check = admission.checkAgent(req.getHeaderString(HttpHeaders.AUTHORIZATION),
                req.getUriInfo().getPathParameters().getFirst("id"), req.getHeaderString(ProtocolHeaders.MACHINE_ID));
        if (check.refusal() != null) {
            String agent = check.who() == null ? null : check.who().agentId();
            switch (check.refusal()) {
                case NO_TOKEN -> throw ApiException.unauthorized(
                        "this route needs the agent's access token (Authorization: Bearer …)");
                case UNBOUND -> throw ApiException.unauthorized(
                        "access token is not bound to a key; renew it with a proof of possession");
                case OTHER_AGENT -> {
                    audit.securityEvent("agent:" + agent, "agent.impersonation.refused", "token of agent " + agent
                            + " used for agent " + req.getUriInfo().getPathParameters().getFirst("id"));
                    throw ApiException.forbidden("this access token belongs to another agent");
                }
                case OTHER_MACHINE -> {
                    audit.securityEvent("agent:" + agent, "agent.clone.suspected",
                            "access token presented with another machine id (a copied agent, or a stolen token)");
                    throw ApiException.forbidden("access token presented from another machine ("
                            + ProtocolHeaders.MACHINE_ID + ")");
                }
                default -> throw new IllegalStateException("unknown refusal " + check.refusal());
            }
        }
        if (!check.who().agentId().equalsIgnoreCase(allowanceTaken())) {
            limit(admission.agentCalls, check.who().agentId(), "calls of agent " + check.who().agentId());
        }
        req.setSecurityContext(new Caller(Admission.caller(check), "agent"));
    }

    private static boolean admin(Method m) {
        OperatorRoute r = m.isAnnotationPresent(OperatorRoute.class) ? m.getAnnotation(OperatorRoute.class)
                : m.getDeclaringClass().getAnnotation(OperatorRoute.class);
        return r != null && r.admin();
    }

    private void operator(ContainerRequestContext req, String address, boolean adminOnly) {
        String token = bearer(req);
        OperatorIdentity who;
        if (token == null) {
            who = consoleSession(req, address);
        } else {
            Optional<OperatorIdentity> op = operators.authenticate(token);
            if (op.isEmpty()) {
                audit.refusal(address, "operator.token.refused", req.getMethod() + " /" + req.getUriInfo().getPath());
                throw ApiException.unauthorized("operator token unknown or revoked");
            }
            who = op.get();
        }
        if (who.role().equals(OperatorIdentity.VIEWER) && !req.getMethod().equals(HttpMethod.GET)) {
            throw ApiException.forbidden("the viewer role may only read");
        }
        if (adminOnly && !who.role().equals(OperatorIdentity.ADMIN)) {
            throw ApiException.forbidden("only the admin role may do this");
        }
        String name = "operator:" + who.name();
        limit(admission.operatorCalls, name, "calls of " + name);
        req.setSecurityContext(new Caller(() -> name, who.role()));
    }

    /** The operator signed in to the console with the request's session cookie: its CSRF token on every change. */
    private OperatorIdentity consoleSession(ContainerRequestContext req, String address) {
        String secret = ConsoleSessions.secret(req.getCookies());
        if (secret == null) {
            throw ApiException.unauthorized("this route needs an operator token (Authorization: Bearer rfo_…) or a "
                    + "console session");
        }
        Accounts.Session s = accounts.session(secret).orElse(null);
        if (s == null) {
            audit.refusal(address, "console.session.refused", req.getMethod() + " /" + req.getUriInfo().getPath());
            throw ApiException.unauthorized("not signed in (or the session ended): POST /api/v1/session");
        }
        if (!ConsoleSessions.csrfHolds(req.getMethod(), req.getHeaderString(ConsoleSessions.CSRF_HEADER), s)) {
            audit.securityEvent("operator:" + s.operator().name(), "console.csrf.refused",
                    req.getMethod() + " /" + req.getUriInfo().getPath() + " without the session's CSRF token");
            throw ApiException.forbidden("a change in a console session needs its CSRF token ("
                    + ConsoleSessions.CSRF_HEADER + ")");
        }
        if (s.mustChangePassword()) {
            throw ApiException.forbidden("change the one-time password first: PUT /api/v1/session/password");
        }
        return s.operator();
    }

    private static String bearer(ContainerRequestContext req) {
        return Admission.bearer(req.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The authenticated caller, as resources see it. */
    private record Caller(Principal principal, String role) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String r) {
            return role.equals(r);
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
