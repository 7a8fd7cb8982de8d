// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.server.internal.CommandQueue;
import io.redflag.server.internal.Enrolment;
import io.redflag.server.internal.Inventory;
import io.redflag.server.internal.SubsystemCatalog;
import io.redflag.server.internal.rest.Messages.CheckInRequest;
import io.redflag.server.internal.rest.Messages.CommandResultRequest;
import io.redflag.server.internal.rest.Messages.RefreshRequest;
import io.redflag.server.internal.rest.Messages.RegisterRequest;
import io.redflag.server.internal.rest.Messages.SubsystemUpdate;
import io.redflag.server.internal.rest.Messages.TokenPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/agents: the agent protocol (register, token refresh, check-in, results) and the
 * operator's view of agents, their subsystems and their pending updates. Who may call which route
 * is decided by {@link RequestGuard}.
 */
@Component(service = AgentsResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AgentsResource {

    private final Enrolment enrolment;
    private final CommandQueue commands;
    private final Inventory inventory;
    private final SubsystemCatalog catalog;

    @Activate
    public AgentsResource(@Reference Enrolment enrolment, @Reference CommandQueue commands,
            @Reference Inventory inventory, @Reference SubsystemCatalog catalog) {
        this.enrolment = enrolment;
        this.commands = commands;
        this.inventory = inventory;
        this.catalog = catalog;
    }

    @POST
    @Path("register")
    public Map<String, Object> register(RegisterRequest req) {
        if (req == null) {
            throw ApiException.badRequest("body required");
        }
        return enrolment.register(req);
    }

    @POST
    @Path("token")
    public TokenPair refresh(RefreshRequest req, @HeaderParam(RequestGuard.MACHINE_HEADER) String machineId) {
        if (req == null) {
            throw ApiException.badRequest("body required");
        }
        if (machineId == null || machineId.isBlank()) {
            throw ApiException.badRequest(RequestGuard.MACHINE_HEADER + " header required");
        }
        return enrolment.refresh(req.refreshToken, machineId);
    }

    @POST
    @Path("{id}/check-in")
    public Map<String, Object> checkIn(@PathParam("id") String id, CheckInRequest req) {
        return commands.checkIn(uuid(id), req == null ? new CheckInRequest() : req);
    }

    @POST
    @Path("{id}/results")
    public Map<String, Object> result(@PathParam("id") String id, CommandResultRequest req) {
        if (req == null) {
            throw ApiException.badRequest("body required");
        }
        boolean fresh = commands.storeResult(uuid(id), req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acknowledged", req.commandId);
        out.put("duplicate", !fresh);
        return out;
    }

    @POST
    @Path("{id}/dry-runs")
    public javax.ws.rs.core.Response dryRun(@PathParam("id") String id, Messages.PackageCommandRequest req,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext caller) {
        return packageCommand(id, req, false, caller);
    }

    @POST
    @Path("{id}/installs")
    public javax.ws.rs.core.Response install(@PathParam("id") String id, Messages.PackageCommandRequest req,
            @javax.ws.rs.core.Context javax.ws.rs.core.SecurityContext caller) {
        return packageCommand(id, req, true, caller);
    }

    private javax.ws.rs.core.Response packageCommand(String id, Messages.PackageCommandRequest req, boolean install,
            javax.ws.rs.core.SecurityContext caller) {
        if (req == null) {
            throw ApiException.badRequest("body required");
        }
        req.validate(install);
        SubsystemDescriptor d = catalog.find(req.ecosystem)
                .orElseThrow(() -> ApiException.notFound("no subsystem " + req.ecosystem + " on this server"));
        if (d.kind() == io.redflag.scanner.SubsystemKind.METRICS) {
            throw ApiException.badRequest(req.ecosystem + " reports readings of the host; there is nothing to dry-run or install");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ecosystem", req.ecosystem);
        params.put("packages", req.packages);
        if (install) {
            params.put("planHash", req.planHash);
        }
        String commandId = commands.request(caller.getUserPrincipal().getName(), uuid(id),
                install ? io.redflag.signing.SignedCommandDTO.TYPE_INSTALL : io.redflag.signing.SignedCommandDTO.TYPE_DRY_RUN,
                req.ecosystem, params);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commandId", commandId);
        out.put("status", "pending");
        return javax.ws.rs.core.Response.status(202).entity(out).build();
    }

    @GET
    public List<Map<String, Object>> list() {
        return inventory.agents();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return inventory.agent(uuid(id));
    }

    @GET
    @Path("{id}/updates")
    public List<Map<String, Object>> updates(@PathParam("id") String id, @QueryParam("ecosystem") String ecosystem) {
        if (ecosystem != null) {
            Messages.requireEcosystem(ecosystem);
        }
        return inventory.records(uuid(id), ecosystem, false);
    }

    @GET
    @Path("{id}/metrics")
    public List<Map<String, Object>> metrics(@PathParam("id") String id, @QueryParam("ecosystem") String ecosystem) {
        if (ecosystem != null) {
            Messages.requireEcosystem(ecosystem);
        }
        return inventory.records(uuid(id), ecosystem, true);
    }

    @GET
    @Path("{id}/subsystems")
    public List<Map<String, Object>> subsystems(@PathParam("id") String id) {
        return inventory.subsystems(uuid(id));
    }

    @PUT
    @Path("{id}/subsystems/{ecosystem}")
    public Map<String, Object> updateSubsystem(@PathParam("id") String id, @PathParam("ecosystem") String ecosystem,
            SubsystemUpdate req) {
        SubsystemDescriptor d = catalog.find(ecosystem)
                .orElseThrow(() -> ApiException.notFound("no subsystem " + ecosystem + " on this server"));
        SubsystemUpdate r = req == null ? new SubsystemUpdate() : req;
        return inventory.updateSubsystem(uuid(id), ecosystem, r.enabled, r.intervalSeconds,
                (int) Math.max(60, d.defaultInterval().toSeconds()));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("agent id '" + id + "' is not a UUID");
        }
    }
}
