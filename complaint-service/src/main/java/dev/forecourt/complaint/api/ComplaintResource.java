package dev.forecourt.complaint.api;

import dev.forecourt.complaint.domain.Complaint;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.UUID;

@Path("/api/complaints")
public class ComplaintResource {

    public record ComplaintView(UUID id, String storeId, String channel, String category, String status, Instant createdAt) {
        static ComplaintView of(Complaint c) {
            return new ComplaintView(c.id, c.storeId, c.channel, c.category, c.status, c.createdAt);
        }
    }

    @Inject
    CurrentUser user;

    /** Complaints of the caller's stores. */
    @GET
    @RolesAllowed({Roles.COMPLAINT_HANDLER, Roles.CUSTOMER_CARE_AGENT, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<ComplaintView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                              @QueryParam("cursor") UUID cursor) {
        var query = StoreScopedQuery.of(user.stores()).after(cursor);
        return query.page((where, params) -> Complaint.find(where, params), limit, ComplaintView::of, c -> c.id);
    }
}
