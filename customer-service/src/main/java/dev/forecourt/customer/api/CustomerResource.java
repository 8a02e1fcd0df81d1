package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.service.CustomerRegistry;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.UUID;

@Path("/api/customers")
public class CustomerResource {

    public record RegisterCustomer(
            @NotBlank @Size(max = 64) String storeId,
            @NotNull Customer.Kind kind,
            @Size(max = 32) @Pattern(regexp = "[A-Z_]+", message = "must be an upper-case code such as SHOWROOM") String sourceChannel) {
    }

    public record ChangeCustomer(
            Customer.Kind kind,
            @Size(max = 32) @Pattern(regexp = "[A-Z_]+", message = "must be an upper-case code such as SHOWROOM") String sourceChannel) {
    }

    public record CustomerView(UUID id, String storeId, Customer.Kind kind, String lifecycleClass, String sourceChannel,
                               Instant createdAt, long version) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.storeId, c.kind, c.lifecycleClass, c.sourceChannel, c.createdAt, c.version);
        }
    }

    @Inject
    CurrentUser user;

    @Inject
    CustomerRegistry registry;

    /** The customers of the stores the caller may act for, a page at a time. */
    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<CustomerView> list(@Valid @BeanParam PageRequest page) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        return query.page((where, params) -> Customer.find(where, params), page.limit(), CustomerView::of);
    }

    /** Registers a customer in a store the caller acts for; publishes forecourt.customer.registered.v1. */
    @POST
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response register(@NotNull @Valid RegisterCustomer request, UriInfo uri) {
        Customer c = registry.register(request.storeId(), request.kind(), request.sourceChannel());
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .tag(ETags.entityTag(c.version)).entity(CustomerView.of(c)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Customer c = registry.get(id);
        return Response.ok(CustomerView.of(c)).tag(ETags.entityTag(c.version)).build();
    }

    /** Changes a customer; needs the ETag read last in If-Match (412 when stale). */
    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response change(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull @Valid ChangeCustomer request) {
        Customer c = registry.update(id, ifMatch, request.kind(), request.sourceChannel());
        return Response.ok(CustomerView.of(c)).tag(ETags.entityTag(c.version)).build();
    }
}
