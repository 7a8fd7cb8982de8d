// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import io.redflag.protocol.AuditEntryDTO;
import io.redflag.protocol.AuditVerificationDTO;
import io.redflag.protocol.InvalidMessageException;
import io.redflag.server.store.AuditLog;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * /api/v1/audit: the hash-chained audit log, for admins. {@code GET} reads it newest first (filters {@code actor},
 * {@code action} — a prefix such as {@code command.} —, {@code security}; pages by {@code before} and {@code limit});
 * {@code GET …/verify} walks the chain and says whether and where it breaks.
 */
@Component(service = AuditResource.class)
@JaxrsResource
@JSONRequired
@Path("api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private final AuditLog audit;

    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @OperatorRoute(admin = true)
    public List<AuditEntryDTO> read(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("security") String security, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        Boolean sec = null;
        if (security != null) {
            if (!security.equals("true") && !security.equals("false")) {
                throw new InvalidMessageException("security", "must be true or false, not '" + security + "'");
            }
            sec = Boolean.valueOf(security);
        }
        Long from = null;
        if (before != null) {
            try {
                from = Long.parseLong(before.trim());
            } catch (NumberFormatException e) {
                throw new InvalidMessageException("before", "must be the id of an audit row, not '" + before + "'");
            }
        }
        return audit.read(blankToNull(actor, "actor"), blankToNull(action, "action"), sec, from,
                CommandsResource.limit(limit, 100, 1000));
    }

    @GET
    @Path("verify")
    @OperatorRoute(admin = true)
    public AuditVerificationDTO verify() {
        return audit.verify();
    }

    private static String blankToNull(String v, String field) {
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > 200) {
            throw new InvalidMessageException(field, "is longer than 200 characters");
        }
        return v;
    }
}
