package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Consent;
import dev.forecourt.customer.service.Consents;
import dev.forecourt.customer.service.CustomerRegistry;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The consent ledger of a customer: record grants and withdrawals, read the current state, ask before contacting. */
@Path("/api/customers/{id}/consents")
public class ConsentResource {

    public record ConsentInput(@NotNull Consent.Channel channel, @NotNull Consent.Purpose purpose,
                               @NotNull Boolean granted, @NotBlank @Size(max = 64) String source,
                               @PastOrPresent Instant occurredAt) {
    }

    public record ConsentState(List<Consents.Entry> current, List<Consents.Entry> history) {
    }

    @Inject
    Consents consents;

    @Inject
    CustomerRegistry customers;

    @POST
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response record(@PathParam("id") UUID id, @NotNull @Valid ConsentInput in) {
        var entry = consents.record(id, in.channel(), in.purpose(), in.granted(), in.source(), in.occurredAt());
        return Response.status(201).entity(entry).build();
    }

    @GET
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public ConsentState state(@PathParam("id") UUID id) {
        UUID customer = customers.get(id).id;
        return new ConsentState(consents.current(customer), consents.history(customer));
    }

    /** "May we contact this customer by {channel} for {purpose} now?" No recorded grant means no. */
    @GET
    @Path("check")
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.COMPLAINT_HANDLER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Consents.Answer check(@PathParam("id") UUID id, @QueryParam("channel") @NotNull Consent.Channel channel,
                                 @QueryParam("purpose") @NotNull Consent.Purpose purpose) {
        return consents.check(customers.get(id).id, channel, purpose);
    }
}
