package dev.forecourt.aftersales.api;

import dev.forecourt.aftersales.domain.RepairOrder;
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

@Path("/api/repair-orders")
public class RepairOrderResource {

    public record RepairOrderView(UUID id, String storeId, String vin, String orderType, String status, Instant createdAt) {
        static RepairOrderView of(RepairOrder r) {
            return new RepairOrderView(r.id, r.storeId, r.vin, r.orderType, r.status, r.createdAt);
        }
    }

    @Inject
    CurrentUser user;

    /** Repair orders of the caller's stores. */
    @GET
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.TECHNICIAN, Roles.FOREMAN, Roles.QC_INSPECTOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<RepairOrderView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                              @QueryParam("cursor") UUID cursor) {
        var query = StoreScopedQuery.of(user.stores()).after(cursor);
        return query.page((where, params) -> RepairOrder.find(where, params), limit, RepairOrderView::of, r -> r.id);
    }
}
