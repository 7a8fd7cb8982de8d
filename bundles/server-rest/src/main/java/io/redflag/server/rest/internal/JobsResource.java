// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.JobDTO;
import io.redflag.protocol.JobRequestDTO;
import io.redflag.protocol.MessageRules;
import io.redflag.server.commands.Jobs;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * POST /api/v1/jobs: one action (scan, dry run, approve, reject, install) over many agents, one command or decision
 * per agent; GET /api/v1/jobs/{id}: its progress per agent and counted; GET /api/v1/jobs: jobs newest first.
 */
@Component(service = JobsResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobsResource {

    private final Jobs jobs;

    @Activate
    public JobsResource(@Reference Jobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @OperatorRoute
    @Answers(status = 201, body = JobDTO.class, refusals = 409)
    public Response start(JobRequestDTO req, @Context SecurityContext caller) {
        JobDTO job = jobs.start(caller.getUserPrincipal().getName(), req);
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/jobs/" + job.id).entity(job).build();
    }

    @GET
    @OperatorRoute
    public List<JobDTO> list(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        return jobs.jobs(before == null ? null : UUID.fromString(MessageRules.uuid(before, "before")),
                CommandsResource.limit(limit, 50, CommandsResource.MAX_PAGE));
    }

    @GET
    @Path("{id}")
    @OperatorRoute
    public JobDTO get(@PathParam("id") String id) {
        return jobs.job(UUID.fromString(MessageRules.uuid(id, "job id")));
    }
}
