package dev.forecourt.customer.api;

import dev.forecourt.customer.api.validation.MainlandMobile;
import dev.forecourt.customer.api.validation.ValidEmail;
import dev.forecourt.customer.api.validation.ValidIdCardNumber;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.service.ChangeLog;
import dev.forecourt.customer.service.CustomerRegistry;
import dev.forecourt.customer.service.PersonalData;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.persistence.StoreScopedQuery;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

@Path("/api/customers")
public class CustomerResource {

    @Inject
    CurrentUser user;

    @Inject
    CustomerRegistry registry;

    @Inject
    CustomerViews views;

    @Inject
    PersonalData personal;

    @Inject
    ChangeLog changeLog;

    @Inject
    dev.forecourt.customer.service.IdentityResolution resolution;

    @Inject
    dev.forecourt.customer.service.Measures measures;

    /**
     * The customers of the caller's stores, a page at a time, personal values masked; optionally
     * only those with a given phone, email or ID number (exact match on the keyed hash).
     * Records merged into another are left out.
     */
    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Page<CustomerView> list(@Valid @BeanParam PageRequest page,
                                   @QueryParam("phone") @MainlandMobile String phone,
                                   @QueryParam("email") @ValidEmail String email,
                                   @QueryParam("idNumber") @ValidIdCardNumber String idNumber) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor()).and("mergedInto is null");
        filter(query, CustomerIdentifier.Kind.PHONE, phone, "phoneHash");
        filter(query, CustomerIdentifier.Kind.EMAIL, email, "emailHash");
        filter(query, CustomerIdentifier.Kind.ID_CARD, idNumber, "idHash");
        Page<Customer> customers = query.page((where, params) -> Customer.<Customer>find(where, params), page.limit(), c -> c);
        return new Page<>(views.masked(customers.items()), customers.nextCursor());
    }

    private void filter(StoreScopedQuery query, CustomerIdentifier.Kind kind, String raw, String param) {
        if (raw != null) {
            String value = PersonalData.normalise(kind, raw).orElseThrow();
            query.and("id in (select i.customerId from CustomerIdentifier i where i.valueHash = :" + param + ")",
                    param, personal.hash(kind, value));
        }
    }

    /**
     * Registers a customer in a store the caller acts for; publishes forecourt.customer.registered.v1.
     * The response shows the record masked, like every answer but the audited single read.
     */
    @POST
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response register(@NotNull @Valid @ConvertGroup(from = Default.class, to = CustomerInput.Create.class)
                             CustomerInput request, UriInfo uri) {
        Customer c = registry.register(request);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .tag(ETags.entityTag(c.version)).entity(views.masked(c)).build();
    }

    /** The full record with personal data in clear; every such read is recorded (who, when, correlation id). */
    @GET
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response get(@PathParam("id") UUID id) {
        CustomerRegistry.Full full = registry.readFull(id);
        return Response.ok(views.full(full)).tag(ETags.entityTag(full.customer().version)).build();
    }

    /**
     * What another service needs to know of a customer, and nothing personal: that it exists in a store the
     * caller may see (404 otherwise), its kind, class, when it was created and, for a merged record, its
     * survivor. Not audited: it opens no personal data. lead-service asks it for a customer it has not heard
     * of on customer-events (a bulk import's customers are not copied there).
     */
    public record Summary(UUID id, String storeId, Customer.Kind kind, String lifecycleClass, java.time.Instant createdAt,
                          UUID mergedInto) {
    }

    @GET
    @Path("{id}/summary")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Summary summary(@PathParam("id") UUID id) {
        Customer c = registry.get(id);
        return new Summary(c.id, c.storeId, c.kind, c.lifecycleClass.name(), c.createdAt, c.mergedInto);
    }

    /** Changes a customer; needs the ETag read last in If-Match (412 when stale). Answers the masked record. */
    @PATCH
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response change(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull @Valid CustomerInput request) {
        Customer c = registry.update(id, ifMatch, request);
        return Response.ok(views.masked(c)).tag(ETags.entityTag(c.version)).build();
    }

    /** Every change to the record, oldest first: who, when, field, old → new (personal values masked). */
    @GET
    @Path("{id}/history")
    @Transactional
    @RolesAllowed({Roles.SALES_MANAGER, Roles.CUSTOMER_CARE_AGENT, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<ChangeLog.Entry> history(@PathParam("id") UUID id) {
        return changeLog.history(registry.get(id).id);
    }

    /** Who read the full record, and when. */
    @GET
    @Path("{id}/personal-data-access")
    @Transactional
    @RolesAllowed({Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<ChangeLog.Access> personalDataAccess(@PathParam("id") UUID id) {
        return changeLog.accesses(registry.get(id).id);
    }

    /** The store's customer with this ID number, phone or VIN, or a new one: 200 when found, 201 when created. */
    @POST
    @Path("resolve")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response resolve(@NotNull @Valid IdentityResource.ResolveInput in) {
        var r = resolution.findOrCreate(new dev.forecourt.customer.service.IdentityResolution.Probe(in.storeId(), in.phone(), in.idNumber(), in.vin(),
                in.kind(), in.name(), in.sourceChannel()));
        var body = new IdentityResource.Resolved(r.customer().id, r.customer().storeId, r.created(), r.matchedOn());
        return (r.created() ? Response.created(UriBuilder.fromPath("/api/customers/{id}").build(r.customer().id))
                : Response.ok()).entity(body).build();
    }

    @GET
    @Path("{id}/duplicates")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.CUSTOMER_CARE_AGENT, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<dev.forecourt.customer.service.IdentityResolution.Candidate> duplicates(@PathParam("id") UUID id) {
        return resolution.duplicatesOf(id);
    }

    @GET
    @Path("{id}/lifetime-value")
    @Transactional
    @RolesAllowed({Roles.SALES_MANAGER, Roles.CUSTOMER_CARE_AGENT, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public dev.forecourt.customer.service.Measures.Lifetime lifetimeValue(@PathParam("id") UUID id) {
        return measures.lifetimeValue(registry.get(id));
    }
}
