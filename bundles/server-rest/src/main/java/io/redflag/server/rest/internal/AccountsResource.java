// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.AccountDTO;
import io.redflag.protocol.AccountRequestDTO;
import io.redflag.server.identity.Accounts;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** /api/v1/accounts, for admins: console accounts, each created with a one-time password shown once. */
@Component(service = AccountsResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AccountsResource {

    private final Accounts accounts;

    @Activate
    public AccountsResource(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @OperatorRoute(admin = true)
    public List<AccountDTO> list() {
        return accounts.list();
    }

    @POST
    @OperatorRoute(admin = true)
    @Answers(request = AccountRequestDTO.class, status = 201, body = AccountDTO.class)
    public Response create(AccountRequestDTO req, @Context SecurityContext caller) {
        return Response.status(Response.Status.CREATED).entity(accounts.create(caller.getUserPrincipal().getName(), req))
                .header("Cache-Control", "no-store").build();
    }
}
