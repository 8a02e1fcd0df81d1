package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.Lead;
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

@Path("/api/leads")
public class LeadResource {

    public record LeadView(UUID id, String storeId, UUID customerId, String consultantId, String source,
                           String grade, String stage, Instant createdAt) {
        static LeadView of(Lead l) {
            return new LeadView(l.id, l.storeId, l.customerId, l.consultantId, l.source, l.grade, l.stage, l.createdAt);
        }
    }

    @Inject
    CurrentUser user;

    /**
     * Leads of the caller's stores; a consultant (without a manager role) sees only the
     * leads assigned to them (DOMAIN.md §6).
     */
    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<LeadView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                               @QueryParam("cursor") UUID cursor) {
        var query = StoreScopedQuery.of(user.stores()).after(cursor);
        if (!user.hasRole(Roles.SALES_MANAGER) && !user.hasRole(Roles.STORE_MANAGER) && !user.hasRole(Roles.GROUP_ADMIN)) {
            query.and("consultantId = :me", "me", user.id());
        }
        return query.page((where, params) -> Lead.find(where, params), limit, LeadView::of, l -> l.id);
    }
}
