// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.MessageRules;
import io.redflag.protocol.OperatorRole;
import io.redflag.protocol.PasswordChangeDTO;
import io.redflag.protocol.SessionDTO;
import io.redflag.protocol.SignInRequestDTO;
import io.redflag.server.identity.Accounts;
import io.redflag.server.store.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/session: the console's sign-in. {@code POST} with a name and password sets the session cookie (HttpOnly,
 * SameSite=Strict, Secure behind TLS) and answers who is signed in with the session's CSRF token; {@code GET} says
 * the same of the cookie's session; {@code DELETE} signs out; {@code PUT /password} changes the password (the
 * one-time password first of all). A wrong name or password is one answer, counted against the caller's address.
 */
@Component(service = SessionResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SessionResource {

    private final Accounts accounts;
    private final Admission admission;
    private final AuditLog audit;

    @Context
    private HttpServletRequest http;

    @Context
    private HttpHeaders headers;

    @Context
    private UriInfo uri;

    @Activate
    public SessionResource(@Reference Accounts accounts, @Reference Admission admission, @Reference AuditLog audit) {
        this.accounts = accounts;
        this.admission = admission;
        this.audit = audit;
    }

    @POST
    @PublicRoute
    @Answers(request = SignInRequestDTO.class, body = SessionDTO.class, refusals = 401)
    public Response signIn(SignInRequestDTO request) {
        SignInRequestDTO r = MessageRules.check(request);
        Optional<Accounts.Session> s = accounts.signIn(r.name, r.password);
        if (s.isEmpty()) {
            refused("account.sign-in.refused", "name=" + io.redflag.server.store.LogText.safe(r.name));
            throw ApiException.unauthorized("name or password not right");
        }
        return withCookie(s.get());
    }

    @GET
    @PublicRoute
    @Answers(body = SessionDTO.class, refusals = 401)
    public SessionDTO current() {
        return dto(signedIn());
    }

    @DELETE
    @PublicRoute
    @Answers(status = 204, refusals = {401, 403})
    public Response signOut() {
        Accounts.Session s = signedIn();
        requireCsrf(HttpMethod.DELETE, s);
        accounts.signOut(s.secret());
        return Response.noContent().header("Set-Cookie", ConsoleSessions.cookie("", Duration.ZERO, overTls())).build();
    }

    @PUT
    @Path("password")
    @PublicRoute
    @Answers(request = PasswordChangeDTO.class, body = SessionDTO.class, refusals = {401, 403})
    public Response changePassword(PasswordChangeDTO change) {
        Accounts.Session s = signedIn();
        requireCsrf(HttpMethod.PUT, s);
        try {
            return withCookie(accounts.changePassword(s.secret(), change));
        } catch (io.redflag.server.identity.CredentialsRefusedException e) {
            // guessing the password from a session (a stolen cookie) is counted like guessing it at the sign-in
            refused("account.password.refused", "operator:" + s.operator().name());
            throw e;
        }
    }

    /** A refused password: counted against the caller's address (refused outright after the burst) and audited. */
    private void refused(String action, String detail) {
        String address = Admission.address(http);
        admission.refusals.take(address, System.nanoTime());
        audit.refusal(address, action, detail);
    }

    private Accounts.Session signedIn() {
        return accounts.session(ConsoleSessions.secret(headers.getCookies()))
                .orElseThrow(() -> ApiException.unauthorized("not signed in (or the session ended): POST /api/v1/session"));
    }

    private void requireCsrf(String method, Accounts.Session s) {
        if (!ConsoleSessions.csrfHolds(method, headers.getHeaderString(ConsoleSessions.CSRF_HEADER), s)) {
            throw ApiException.forbidden("a change in a console session needs its CSRF token (" + ConsoleSessions.CSRF_HEADER
                    + ")");
        }
    }

    private Response withCookie(Accounts.Session s) {
        Duration left = Duration.between(Instant.now(), s.expiresAt());
        return Response.ok(dto(s)).header("Set-Cookie", ConsoleSessions.cookie(s.secret(), left, overTls()))
                .header("Cache-Control", "no-store").build();
    }

    private boolean overTls() {
        return ConsoleSessions.overTls(uri.getRequestUri(), headers.getHeaderString("X-Forwarded-Proto"));
    }

    private static SessionDTO dto(Accounts.Session s) {
        SessionDTO d = new SessionDTO();
        d.name = s.operator().name();
        d.role = OperatorRole.fromWire(s.operator().role());
        d.csrfToken = s.csrfToken();
        d.mustChangePassword = s.mustChangePassword();
        d.idleExpiresAt = s.idleExpiresAt().toString();
        d.expiresAt = s.expiresAt().toString();
        return d;
    }
}
