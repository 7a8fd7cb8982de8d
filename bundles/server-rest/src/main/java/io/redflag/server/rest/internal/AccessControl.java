// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.ProtocolHeaders;
import io.redflag.server.identity.AccessTokens;
import io.redflag.server.identity.AgentIdentity;
import io.redflag.server.identity.OperatorIdentity;
import io.redflag.server.identity.Operators;
import io.redflag.server.store.AuditLog;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Optional;
import javax.annotation.Priority;
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
 * Who may call what, read from the matched resource method's annotation ({@link PublicRoute},
 * {@link AgentRoute}, {@link OperatorRoute}) and failing closed: a method without one is refused, and a
 * test enumerates the running server's resource methods so that none ships without one.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JSONRequired
@Priority(Priorities.AUTHENTICATION)
public final class AccessControl implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    @Context
    private ResourceInfo resource;

    private final AccessTokens accessTokens;
    private final Operators operators;
    private final AuditLog audit;

    @Activate
    public AccessControl(@Reference AccessTokens accessTokens, @Reference Operators operators, @Reference AuditLog audit) {
        this.accessTokens = accessTokens;
        this.operators = operators;
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return; // nothing matched: the runtime answers 404/405 itself
        }
        if (has(method, PublicRoute.class)) {
            return;
        }
        if (has(method, AgentRoute.class)) {
            agent(req);
        } else if (has(method, OperatorRoute.class)) {
            operator(req);
        } else {
            LOG.error("refused a call to {}.{}: the method has no access annotation", method.getDeclaringClass().getSimpleName(),
                    method.getName());
            throw ApiException.forbidden("this route has no access rule; refused");
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
        req.setSecurityContext(new Caller(new AgentCaller("agent:" + who.agentId(), who.keyThumbprint(), token), "agent"));
    }

    private void operator(ContainerRequestContext req) {
        String token = bearer(req);
        if (token == null) {
            throw ApiException.unauthorized("this route needs an operator token (Authorization: Bearer rfo_…)");
        }
        Optional<OperatorIdentity> op = operators.authenticate(token);
        if (op.isEmpty()) {
            audit.securityEvent("anonymous", "operator.token.refused", req.getMethod() + " /" + req.getUriInfo().getPath());
            throw ApiException.unauthorized("operator token unknown or revoked");
        }
        if (op.get().role().equals(OperatorIdentity.VIEWER) && !req.getMethod().equals(HttpMethod.GET)) {
            throw ApiException.forbidden("the viewer role may only read");
        }
        String name = "operator:" + op.get().name();
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
