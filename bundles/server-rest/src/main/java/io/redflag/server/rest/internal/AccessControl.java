// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ProtocolHeaders;
import io.redflag.server.identity.AccessTokens;
import io.redflag.server.identity.AgentIdentity;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what, and how often. Read from the matched resource method's annotation ({@link PublicRoute},
 * {@link AgentRoute}, {@link OperatorRoute}) and failing closed: a method without one is refused, and a
 * test enumerates the running server's resource methods so that none ships without one.
 * <p>
 * Rate limits are token buckets: public calls per client address (registration and renewal in one bucket, reads
 * in a larger one);
 * agent calls per agent and operator calls per operator, both counted after authentication so that nobody can use
 * up another's allowance; and refused authentications per client address, which once used up refuse every call
 * from that address before any credential is even looked at. Over a limit: 429 with Retry-After. Refusals are
 * audited in aggregate ({@link AuditLog#refusal}).
 */
@Component(service = ContainerRequestFilter.class, configurationPid = AccessControl.PID)
@Designate(ocd = AccessControl.Limits.class)
@JaxrsExtension
@JSONRequired
@Priority(Priorities.AUTHENTICATION)
public final class AccessControl implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    static final String PID = "io.redflag.server.ratelimits";

    @ObjectClassDefinition(name = "RedFlag rate limits", description = "Token buckets: a sustained rate per second and "
            + "a burst. The launcher fills this from system properties redflag.ratelimit.<name>, e.g. "
            + "-Dredflag.ratelimit.public.burst=2000")
    public @interface Limits {
        @AttributeDefinition(description = "Registrations and renewals per client address")
        double public_per_second() default 5;

        int public_burst() default 60;

        @AttributeDefinition(description = "Public reads (health, info, public key, API documents) per client address")
        double public_reads_per_second() default 20;

        int public_reads_burst() default 200;

        @AttributeDefinition(description = "Calls per authenticated agent (a check-in a minute, its results)")
        double agent_per_second() default 2;

        int agent_burst() default 60;

        @AttributeDefinition(description = "Calls per operator token")
        double operator_per_second() default 20;

        int operator_burst() default 200;

        @AttributeDefinition(description = "Refused authentications per client address before it is refused outright")
        double refusals_per_second() default 0.5;

        int refusals_burst() default 20;
    }

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest http;

    private final AccessTokens accessTokens;
    private final Operators operators;
    private final AuditLog audit;
    private final TokenBuckets publicCalls;
    private final TokenBuckets publicReads;
    private final TokenBuckets agentCalls;
    private final TokenBuckets operatorCalls;
    private final TokenBuckets refusals;

    @Activate
    public AccessControl(@Reference AccessTokens accessTokens, @Reference Operators operators, @Reference AuditLog audit,
            Limits limits) {
        this.accessTokens = accessTokens;
        this.operators = operators;
        this.audit = audit;
        this.publicCalls = new TokenBuckets(limits.public_per_second(), limits.public_burst());
        this.publicReads = new TokenBuckets(limits.public_reads_per_second(), limits.public_reads_burst());
        this.agentCalls = new TokenBuckets(limits.agent_per_second(), limits.agent_burst());
        this.operatorCalls = new TokenBuckets(limits.operator_per_second(), limits.operator_burst());
        this.refusals = new TokenBuckets(limits.refusals_per_second(), limits.refusals_burst());
    }

    @Override
    public void filter(ContainerRequestContext req) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return; // nothing matched: the runtime answers 404/405 itself
        }
        String address = address();
        long refused = refusals.waitFor(address, System.nanoTime());
        if (refused > 0) {
            throw ApiException.tooManyRequests("too many refused credentials from " + address, refused);
        }
        try {
            route(req, method, address);
        } catch (ApiException | CredentialsRefusedException e) {
            int status = e instanceof ApiException a ? a.status() : 401;
            if (status == 401 || status == 403) {
                refusals.take(address, System.nanoTime());
            }
            throw e;
        }
    }

    private void route(ContainerRequestContext req, Method method, String address) {
        if (has(method, PublicRoute.class)) {
            if (req.getMethod().equals(HttpMethod.GET)) {
                limit(publicReads, address, "reads from " + address);
            } else {
                limit(publicCalls, address, "registrations and renewals from " + address);
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

    /** The caller's address as this server sees it (behind a reverse proxy: the proxy's). */
    private String address() {
        try {
            String a = http == null ? null : http.getRemoteAddr();
            return a == null ? "unknown" : a;
        } catch (RuntimeException e) {
            return "unknown"; // no servlet request behind this call (not over HTTP)
        }
    }

    private static boolean has(Method m, Class<? extends java.lang.annotation.Annotation> a) {
        return m.isAnnotationPresent(a) || m.getDeclaringClass().isAnnotationPresent(a);
    }

    private void agent(ContainerRequestContext req) {
        String token = bearer(req);
        if (token == null) {
            throw ApiException.unauthorized("this route needs the agent's access token (Authorization: Bearer …)");
        }
        AgentIdentity who = accessTokens.verify(token);
        if (who.keyThumbprint() == null) {
            // issued before machine binding; the agent renews it with a proof of its key and gets a bound one
            throw ApiException.unauthorized("access token is not bound to a key; renew it with a proof of possession");
        }
        String pathAgent = req.getUriInfo().getPathParameters().getFirst("id");
        if (!who.agentId().equalsIgnoreCase(pathAgent)) {
            audit.securityEvent("agent:" + who.agentId(), "agent.impersonation.refused",
                    "token of agent " + who.agentId() + " used for agent " + pathAgent);
            throw ApiException.forbidden("this access token belongs to another agent");
        }
        String machine = req.getHeaderString(ProtocolHeaders.MACHINE_ID);
        if (machine == null || !machine.equals(who.machineId())) {
            audit.securityEvent("agent:" + who.agentId(), "agent.clone.suspected",
                    "access token presented with another machine id (a copied agent, or a stolen token)");
            throw ApiException.forbidden("access token presented from another machine (" + ProtocolHeaders.MACHINE_ID + ")");
        }
        limit(agentCalls, who.agentId(), "calls of agent " + who.agentId());
        req.setSecurityContext(new Caller(new AgentCaller("agent:" + who.agentId(), who.keyThumbprint(), token), "agent"));
    }

    private static boolean admin(Method m) {
        OperatorRoute r = m.isAnnotationPresent(OperatorRoute.class) ? m.getAnnotation(OperatorRoute.class)
                : m.getDeclaringClass().getAnnotation(OperatorRoute.class);
        return r != null && r.admin();
    }

    private void operator(ContainerRequestContext req, String address, boolean adminOnly) {
        String token = bearer(req);
        if (token == null) {
            throw ApiException.unauthorized("this route needs an operator token (Authorization: Bearer rfo_…)");
        }
        Optional<OperatorIdentity> op = operators.authenticate(token);
        if (op.isEmpty()) {
            audit.refusal(address, "operator.token.refused", req.getMethod() + " /" + req.getUriInfo().getPath());
            throw ApiException.unauthorized("operator token unknown or revoked");
        }
        if (op.get().role().equals(OperatorIdentity.VIEWER) && !req.getMethod().equals(HttpMethod.GET)) {
            throw ApiException.forbidden("the viewer role may only read");
        }
        if (adminOnly && !op.get().role().equals(OperatorIdentity.ADMIN)) {
            throw ApiException.forbidden("only the admin role may do this");
        }
        String name = "operator:" + op.get().name();
        limit(operatorCalls, name, "calls of " + name);
        req.setSecurityContext(new Caller(() -> name, op.get().role()));
    }

    private static String bearer(ContainerRequestContext req) {
        String h = req.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = h.substring(7).trim();
        return t.isEmpty() || t.length() > 4096 ? null : t;
    }

    /** An agent as resources see it: with the key its token is bound to, and the token (proofs cover it). */
    record AgentCaller(String name, String keyThumbprint, String accessToken) implements Principal {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name; // never the token
        }
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
