package dev.forecourt.parts.api;

import dev.forecourt.parts.domain.Part;
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

@Path("/api/parts")
public class PartResource {

    public record PartView(UUID id, String storeId, String partNumber, String name, String category, Instant createdAt) {
        static PartView of(Part p) {
            return new PartView(p.id, p.storeId, p.partNumber, p.name, p.category, p.createdAt);
        }
    }

    @Inject
    CurrentUser user;

    /** Parts stocked by the caller's stores. */
    @GET
    @RolesAllowed({Roles.PARTS_CLERK, Roles.PARTS_MANAGER, Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<PartView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                              @QueryParam("cursor") UUID cursor) {
        var query = StoreScopedQuery.of(user.stores()).after(cursor);
        return query.page((where, params) -> Part.find(where, params), limit, PartView::of, p -> p.id);
    }
}
