package dev.forecourt.complaint.api;

import dev.forecourt.complaint.domain.Complaint;
import dev.forecourt.complaint.domain.ComplaintCategory;
import dev.forecourt.complaint.domain.ComplaintChannel;
import dev.forecourt.complaint.service.ComplaintDesk;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.UUID;

@Path("/api/complaints")
public class ComplaintResource {

    public record OpenComplaint(@NotBlank @Size(max = 64) String storeId, UUID customerId,
                                @NotNull ComplaintChannel channel, @NotNull ComplaintCategory category) {
    }

    public record ComplaintView(UUID id, String storeId, UUID customerId, String channel, String category, String status,
                                Instant acknowledgeBy, Instant resolveBy, Instant createdAt, long version) {
        static ComplaintView of(Complaint c) {
            return new ComplaintView(c.id, c.storeId, c.customerId, c.channel, c.category, c.status, c.acknowledgeBy,
                    c.resolveBy, c.createdAt, c.version);
        }
    }

    @Inject
    ComplaintDesk desk;

    @Inject
    CurrentUser user;

    /** Complaints of the caller's stores. */
    @GET
    @RolesAllowed({Roles.COMPLAINT_HANDLER, Roles.CUSTOMER_CARE_AGENT, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<ComplaintView> list(@Valid @BeanParam PageRequest page) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        return query.page((where, params) -> Complaint.find(where, params), page.limit(), ComplaintView::of);
    }

    /** Opens a complaint with its service-level deadlines; publishes forecourt.complaint.opened.v1. */
    @POST
    @RolesAllowed({Roles.COMPLAINT_HANDLER, Roles.CUSTOMER_CARE_AGENT, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER,
            Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response open(@NotNull @Valid OpenComplaint request, UriInfo uri) {
        Complaint complaint = desk.open(request.storeId(), request.customerId(), request.channel(), request.category());
        return Response.created(uri.getAbsolutePathBuilder().path(complaint.id.toString()).build())
                .tag(ETags.entityTag(complaint.version)).entity(ComplaintView.of(complaint)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.COMPLAINT_HANDLER, Roles.CUSTOMER_CARE_AGENT, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Complaint complaint = desk.get(id);
        return Response.ok(ComplaintView.of(complaint)).tag(ETags.entityTag(complaint.version)).build();
    }
}
