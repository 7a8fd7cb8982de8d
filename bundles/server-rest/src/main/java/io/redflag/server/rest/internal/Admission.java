// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.server.identity.AccessTokens;
import io.redflag.server.identity.AgentIdentity;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.store.AuditLog;
import java.security.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Who may call, and how often: the rate limits (token buckets) and the admission of agents, shared by the JAX-RS
 * routes ({@link AccessControl}) and the check-in lane ({@link CheckInLane}), so that both apply one rule.
 * <p>
 * Public calls are limited per client address (registration and renewal in one bucket, reads in a larger one); agent
 * calls per agent and operator calls per operator, both counted after authentication so that nobody can use up
 * another's allowance; and refused authentications per client address, which once used up refuse every call from
 * that address before any credential is even looked at.
 */
@Component(service = Admission.class, configurationPid = Admission.PID)
@Designate(ocd = Admission.Limits.class)
public final class Admission {

    static final String PID = "io.redflag.server.ratelimits";
    /**
     * Request attribute: the agent whose allowance the check-in lane already took for this request before handing it to
     * its route (which then does not take it again). Set only by the server; a client cannot set request attributes.
     */
    static final String ALLOWANCE_TAKEN = Admission.class.getName() + ".allowanceTaken";

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

    /** Why an agent call is not admitted, before any limit: the caller's fault, said to it and audited by the route. */
    enum AgentRefusal {
        NO_TOKEN, UNBOUND, OTHER_AGENT, OTHER_MACHINE
    }

    /** The verified identity of an agent call, or why it does not hold; {@code who} is null only with no token. */
    record AgentCheck(AgentIdentity who, String token, AgentRefusal refusal) {}

    private final AccessTokens accessTokens;
    final TokenBuckets publicCalls;
    final TokenBuckets publicReads;
    final TokenBuckets agentCalls;
    final TokenBuckets operatorCalls;
    final TokenBuckets refusals;

    @Activate
    public Admission(@Reference AccessTokens accessTokens, Limits limits) {
        this.accessTokens = accessTokens;
        this.publicCalls = new TokenBuckets(limits.public_per_second(), limits.public_burst());
        this.publicReads = new TokenBuckets(limits.public_reads_per_second(), limits.public_reads_burst());
        this.agentCalls = new TokenBuckets(limits.agent_per_second(), limits.agent_burst());
        this.operatorCalls = new TokenBuckets(limits.operator_per_second(), limits.operator_burst());
        this.refusals = new TokenBuckets(limits.refusals_per_second(), limits.refusals_burst());
    }

    /**
     * Checks an agent call without side effects: its bearer token verified (a token this server did not issue, or
     * expired, throws {@link CredentialsRefusedException}), bound to a key, issued to the agent the path names, and
     * presented with that agent's machine id.
     */
    AgentCheck checkAgent(String authorization, String pathAgent, String machineId) {
        String token = bearer(authorization);
        if (token == null) {
            return new AgentCheck(null, null, AgentRefusal.NO_TOKEN);
        }
        AgentIdentity who = accessTokens.verify(token);
        AgentRefusal refusal = null;
        if (who.keyThumbprint() == null) {
            // issued before machine binding; the agent renews it with a proof of its key and gets a bound one
            refusal = AgentRefusal.UNBOUND;
        } else if (!who.agentId().equalsIgnoreCase(pathAgent)) {
            refusal = AgentRefusal.OTHER_AGENT;
        } else if (machineId == null || !machineId.equals(who.machineId())) {
            refusal = AgentRefusal.OTHER_MACHINE;
        }
        return new AgentCheck(who, token, refusal);
    }

    /**
     * The agent call admitted in full — its address not refused outright, the check passed, its allowance taken — or
     * null when any of that fails, with nothing said or audited: for a fast path that leaves every refusal to the
     * route, which says why.
     */
    AgentCaller admitQuietly(String address, String authorization, String pathAgent, String machineId) {
        long now = System.nanoTime();
        if (refusals.waitFor(address, now) > 0) {
            return null;
        }
        AgentCheck check;
        try {
            check = checkAgent(authorization, pathAgent, machineId);
        } catch (CredentialsRefusedException e) {
            return null;
        }
        if (check.refusal() != null || agentCalls.take(check.who().agentId(), now) > 0) {
            return null;
        }
        return caller(check);
    }

    static AgentCaller caller(AgentCheck check) {
        return new AgentCaller("agent:" + check.who().agentId(), check.who().keyThumbprint(), check.token());
    }

    /** The caller's address as this server sees it (behind a reverse proxy: the proxy's); "unknown" when none. */
    static String address(javax.servlet.http.HttpServletRequest http) {
        try {
            String a = http == null ? null : http.getRemoteAddr();
            return a == null ? "unknown" : a;
        } catch (RuntimeException e) {
            return "unknown"; // no servlet request behind this call (not over HTTP)
        }
    }

    /** The token of an {@code Authorization: Bearer …} header, or null. */
    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).trim();
        return t.isEmpty() || t.length() > 4096 ? null : t;
    }
}
