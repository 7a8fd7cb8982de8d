// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.binding.BindingHeaders;
import io.redflag.binding.VerifiedProof;
import io.redflag.protocol.AgentAction;
import io.redflag.protocol.AgentDTO;
import io.redflag.protocol.AgentTagsDTO;
import io.redflag.protocol.CoreUpdateOrderDTO;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.protocol.CoreUpdateRequestDTO;
import io.redflag.protocol.HeartbeatRequestDTO;
import io.redflag.protocol.AgentSubsystemDTO;
import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandAcceptedDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.InventoryRecordDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.protocol.PackageCommandRequestDTO;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.protocol.RebindDTO;
import io.redflag.protocol.RebindRequestDTO;
import io.redflag.protocol.RefreshRequestDTO;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.RegisterResponseDTO;
import io.redflag.protocol.ResultAckDTO;
import io.redflag.protocol.Routes;
import io.redflag.protocol.SubsystemUpdateDTO;
import io.redflag.protocol.TokenPairDTO;
import io.redflag.scanner.SubsystemKind;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.DesiredStates;
import io.redflag.server.commands.CommandQueue;
import io.redflag.server.identity.Enrolment;
import io.redflag.server.identity.ProofOfPossession;
import io.redflag.server.inventory.Inventory;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/agents: the agent protocol (register, token refresh, check-in, results) and the operator's
 * view of agents, their subsystems and records, and the commands operators queue for them.
 */
@Component(service = AgentsResource.class)
@JaxrsResource
@JSONRequired
@Path(Routes.AGENTS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AgentsResource {

    private final Enrolment enrolment;
    private final CommandQueue commands;
    private final Inventory inventory;
    private final ProofOfPossession proofs;
    private final DesiredStates desiredStates;
    private final ArtifactRepository repository;
    private final ServerMetrics metrics;

    @Activate
    public AgentsResource(@Reference Enrolment enrolment, @Reference CommandQueue commands, @Reference Inventory inventory,
            @Reference ProofOfPossession proofs, @Reference DesiredStates desiredStates,
            @Reference ArtifactRepository repository, @Reference ServerMetrics metrics) {
        this.metrics = metrics;
        this.desiredStates = desiredStates;
        this.repository = repository;
        this.enrolment = enrolment;
        this.proofs = proofs;
        this.commands = commands;
        this.inventory = inventory;
    }

    @POST
    @Path("register")
    @PublicRoute
    @Answers(request = RegisterRequestDTO.class, refusals = 409)
    public RegisterResponseDTO register(byte[] body, @HeaderParam(BindingHeaders.PROOF) String proof, @Context UriInfo uri) {
        RegisterRequestDTO req = ProtocolJsonProvider.parse(body, RegisterRequestDTO.class);
        return enrolment.register(req, proofs.accept(proof, HttpMethod.POST, uri.getRequestUri().getRawPath(), body, null, null));
    }

    @POST
    @Path("token")
    @PublicRoute
    @Answers(request = RefreshRequestDTO.class)
    public TokenPairDTO refresh(byte[] body, @HeaderParam(BindingHeaders.PROOF) String proof,
            @HeaderParam(ProtocolHeaders.MACHINE_ID) String machineId, @Context UriInfo uri) {
        RefreshRequestDTO req = ProtocolJsonProvider.parse(body, RefreshRequestDTO.class);
        return enrolment.refresh(req, machineId,
                proofs.accept(proof, HttpMethod.POST, uri.getRequestUri().getRawPath(), body, null, null));
    }

    @POST
    @Path("{id}/check-in")
    @AgentRoute
    public CheckInResponseDTO checkIn(@PathParam("id") String id, CheckInRequestDTO req, @Context SecurityContext caller) {
        Admission.AgentCaller agent = (Admission.AgentCaller) caller.getUserPrincipal();
        CheckInResponseDTO out = commands.checkIn(uuid(id), agent.keyThumbprint(), req);
        out.desiredState = desiredState(desiredStates, uuid(id), req);
        metrics.checkIn(ServerMetrics.ROUTE_LANE);
        return out;
    }

    /** The desired-state hash a check-in answers with: none when the agent's own policy refuses bundle updates. */
    static String desiredState(DesiredStates desiredStates, UUID agentId, CheckInRequestDTO req) {
        // an agent too old to say what it accepts accepts everything
        boolean takesBundles = req == null || req.accepts == null || req.accepts.contains(AgentAction.BUNDLE_UPDATES);
        return takesBundles ? desiredStates.hash(agentId) : null;
    }

    @POST
    @Path("core-updates")
    @OperatorRoute
    @Answers(request = CoreUpdateRequestDTO.class)
    public List<CoreUpdateOrderDTO> coreUpdates(CoreUpdateRequestDTO req, @Context SecurityContext caller) {
        CoreUpdateRequestDTO r = MessageRules.check(req);
        String operator = caller.getUserPrincipal().getName();
        List<CoreUpdateOrderDTO> out = new java.util.ArrayList<>();
        for (String id : r.agentIds) {
            out.add(commands.orderCoreUpdate(operator, uuid(id), platform -> r.version == null
                    ? repository.latestCore(platform).map(c -> c.version)
                    : repository.cores(platform).stream().filter(c -> c.version.equals(r.version) && c.retiredAt == null)
                            .findFirst().map(c -> c.version)));
        }
        return out;
    }

    @PUT
    @Path("{id}/heartbeat")
    @OperatorRoute
    @Answers(request = HeartbeatRequestDTO.class)
    public AgentDTO heartbeat(@PathParam("id") String id, HeartbeatRequestDTO req, @Context SecurityContext caller) {
        commands.heartbeat(caller.getUserPrincipal().getName(), uuid(id), MessageRules.check(req).minutes);
        return inventory.agent(uuid(id));
    }

    @DELETE
    @Path("{id}/heartbeat")
    @OperatorRoute
    public AgentDTO stopHeartbeat(@PathParam("id") String id, @Context SecurityContext caller) {
        commands.heartbeat(caller.getUserPrincipal().getName(), uuid(id), 0);
        return inventory.agent(uuid(id));
    }

    @POST
    @Path("{id}/results")
    @AgentRoute
    @Answers(request = CommandResultDTO.class, body = ResultAckDTO.class, refusals = 404)
    public ResultAckDTO result(@PathParam("id") String id, byte[] body, @HeaderParam(BindingHeaders.PROOF) String proof,
            @Context SecurityContext caller, @Context UriInfo uri) {
        CommandResultDTO req = ProtocolJsonProvider.parse(body, CommandResultDTO.class);
        Admission.AgentCaller agent = (Admission.AgentCaller) caller.getUserPrincipal();
        VerifiedProof p = proofs.accept(proof, HttpMethod.POST, uri.getRequestUri().getRawPath(), body, agent.accessToken(),
                agent.keyThumbprint());
        return commands.storeResult(uuid(id), req, p.thumbprint, p.proof, body);
    }

    @POST
    @Path("{id}/dry-runs")
    @OperatorRoute
    @Answers(status = 202, body = CommandAcceptedDTO.class, refusals = 409)
    public Response dryRun(@PathParam("id") String id, PackageCommandRequestDTO req, @Context SecurityContext caller) {
        return accepted(commands.request(caller.getUserPrincipal().getName(), uuid(id), CommandType.DRY_RUN, req));
    }

    @POST
    @Path("{id}/installs")
    @OperatorRoute
    @Answers(status = 202, body = CommandAcceptedDTO.class, refusals = 409)
    public Response install(@PathParam("id") String id, PackageCommandRequestDTO req, @Context SecurityContext caller) {
        return accepted(commands.request(caller.getUserPrincipal().getName(), uuid(id), CommandType.INSTALL, req));
    }

    private static Response accepted(CommandAcceptedDTO accepted) {
        return Response.status(Response.Status.ACCEPTED).entity(accepted).build();
    }

    /** The most agents one page holds; without {@code limit} the list is whole (as before pages). */
    static final int MAX_AGENT_PAGE = 1000;
    /** The header saying how many agents match in all. */
    static final String TOTAL_COUNT = "X-Total-Count";

    @GET
    @OperatorRoute
    public List<AgentDTO> list(@QueryParam("tag") String tag, @QueryParam("online") String online,
            @QueryParam("os") String os, @QueryParam("severity") String severity, @QueryParam("q") String search,
            @QueryParam("sort") String sort, @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context javax.servlet.http.HttpServletResponse response) {
        Boolean on = null;
        if (online != null) {
            if (!online.equals("true") && !online.equals("false")) {
                throw new InvalidMessageException("online", "must be true or false, not '" + online + "'");
            }
            on = Boolean.valueOf(online);
        }
        io.redflag.scanner.Severity sev = null;
        if (severity != null) {
            sev = io.redflag.scanner.Severity.fromLabel(severity);
            if (sev == io.redflag.scanner.Severity.UNKNOWN) {
                throw new InvalidMessageException("severity", "must be critical, important, moderate or low, not '"
                        + severity + "'");
            }
        }
        if (os != null && !os.matches("[a-z]{1,20}")) {
            throw new InvalidMessageException("os", "must be an OS family such as linux or windows, not '" + os + "'");
        }
        if (search != null && (search.length() > 100 || search.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidMessageException("q", "must be at most 100 printable characters");
        }
        Inventory.AgentOrder order = Inventory.AgentOrder.HOSTNAME;
        boolean descending = sort != null && sort.startsWith("-");
        if (sort != null) {
            order = switch (descending ? sort.substring(1) : sort) {
                case "hostname" -> Inventory.AgentOrder.HOSTNAME;
                case "os" -> Inventory.AgentOrder.OS;
                case "lastSeen" -> Inventory.AgentOrder.LAST_SEEN;
                case "pending" -> Inventory.AgentOrder.PENDING;
                default -> throw new InvalidMessageException("sort",
                        "must be hostname, os, lastSeen or pending (a leading - for descending), not '" + sort + "'");
            };
        }
        Inventory.AgentPage page = inventory.agents(new Inventory.AgentQuery(new Inventory.AgentFilter(
                tag == null ? null : MessageRules.tag(tag, "tag"), on, os, sev), search, order, descending,
                offset == null ? 0 : CommandsResource.number(offset, "offset", 0, Integer.MAX_VALUE),
                limit == null ? 0 : CommandsResource.limit(limit, 100, MAX_AGENT_PAGE)));
        response.setHeader(TOTAL_COUNT, Long.toString(page.total()));
        return page.agents();
    }

    @PUT
    @Path("{id}/tags")
    @OperatorRoute
    @Answers(request = AgentTagsDTO.class)
    public AgentDTO tags(@PathParam("id") String id, AgentTagsDTO req, @Context SecurityContext caller) {
        return inventory.tag(caller.getUserPrincipal().getName(), uuid(id), MessageRules.check(req).tags);
    }

    @POST
    @Path("{id}/rebind")
    @OperatorRoute
    @Answers(refusals = 409)
    public RebindDTO rebind(@PathParam("id") String id, RebindRequestDTO req, @Context SecurityContext caller) {
        return enrolment.rebind(caller.getUserPrincipal().getName(), uuid(id), req);
    }

    @GET
    @Path("{id}")
    @OperatorRoute
    public AgentDTO get(@PathParam("id") String id) {
        return inventory.agent(uuid(id));
    }

    @POST
    @Path("{id}/revoke")
    @OperatorRoute
    @Answers(status = 204)
    public Response revoke(@PathParam("id") String id, @Context SecurityContext caller) {
        enrolment.revokeAgent(caller.getUserPrincipal().getName(), uuid(id));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @OperatorRoute
    @Answers(status = 204)
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        enrolment.deleteAgent(caller.getUserPrincipal().getName(), uuid(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/updates")
    @OperatorRoute
    public List<InventoryRecordDTO> updates(@PathParam("id") String id, @QueryParam("ecosystem") String ecosystem) {
        return records(id, ecosystem, SubsystemKind.UPDATES);
    }

    @GET
    @Path("{id}/history")
    @OperatorRoute
    public List<io.redflag.protocol.UpdateEventDTO> history(@PathParam("id") String id,
            @QueryParam("ecosystem") String ecosystem, @QueryParam("package") String pkg, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        Long after = null;
        if (before != null) {
            try {
                after = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw new InvalidMessageException("before", "must be the id of an event, not '" + before + "'");
            }
        }
        return commands.history(uuid(id), ecosystem == null ? null : MessageRules.ecosystem(ecosystem, "ecosystem"),
                pkg == null ? null : MessageRules.required(pkg, "package", 300), after,
                CommandsResource.limit(limit, 100, CommandsResource.MAX_PAGE));
    }

    @GET
    @Path("{id}/metrics")
    @OperatorRoute
    public List<io.redflag.protocol.ReadingRecordDTO> metrics(@PathParam("id") String id,
            @QueryParam("ecosystem") String ecosystem) {
        return inventory.readings(uuid(id), ecosystem == null ? null : MessageRules.ecosystem(ecosystem, "ecosystem"));
    }

    private List<InventoryRecordDTO> records(String id, String ecosystem, SubsystemKind kind) {
        return inventory.records(uuid(id), ecosystem == null ? null : MessageRules.ecosystem(ecosystem, "ecosystem"), kind);
    }

    @GET
    @Path("{id}/subsystems")
    @OperatorRoute
    public List<AgentSubsystemDTO> subsystems(@PathParam("id") String id) {
        return inventory.subsystems(uuid(id));
    }

    @POST
    @Path("{id}/subsystems/{ecosystem}/scan")
    @OperatorRoute
    @Answers(refusals = 409)
    public AgentSubsystemDTO scanNow(@PathParam("id") String id, @PathParam("ecosystem") String ecosystem,
            @Context SecurityContext caller) {
        return inventory.scanNow(caller.getUserPrincipal().getName(), uuid(id), MessageRules.ecosystem(ecosystem, "ecosystem"));
    }

    @PUT
    @Path("{id}/subsystems/{ecosystem}")
    @OperatorRoute
    public AgentSubsystemDTO updateSubsystem(@PathParam("id") String id, @PathParam("ecosystem") String ecosystem,
            SubsystemUpdateDTO req) {
        return inventory.updateSubsystem(uuid(id), MessageRules.ecosystem(ecosystem, "ecosystem"), MessageRules.check(req));
    }

    static UUID uuid(String id) {
        return UUID.fromString(MessageRules.uuid(id, "agent id"));
    }
}
