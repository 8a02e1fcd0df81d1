package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Customer;
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

@Path("/api/customers")
public class CustomerResource {

    public record CustomerView(UUID id, String storeId, Customer.Kind kind, String lifecycleClass, Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.storeId, c.kind, c.lifecycleClass, c.createdAt);
        }
    }

    @Inject
    CurrentUser user;

    /** The customers of the stores the caller may act for, a page at a time. */
    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<CustomerView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                   @QueryParam("cursor") UUID cursor) {
        var query = StoreScopedQuery.of(user.stores()).after(cursor);
        return query.page((where, params) -> Customer.find(where, params), limit, CustomerView::of, c -> c.id);
    }
}
