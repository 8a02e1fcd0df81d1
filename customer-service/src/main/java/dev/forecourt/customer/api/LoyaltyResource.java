package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.service.CustomerRegistry;
import dev.forecourt.customer.service.Loyalty;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** A customer's points (balance, tier, benefits, movements) and redeeming them. */
@Path("/api/customers/{id}/points")
public class LoyaltyResource {

    /** {@code reference} identifies the redemption (say, the repair order): a retry with it changes nothing. */
    public record Redemption(@NotNull @Positive Long points,
                             @NotNull @Pattern(regexp = "LABOUR|PARTS|GIFT", message = "must be LABOUR, PARTS or GIFT") String forWhat,
                             @NotBlank @Size(max = 100) String reference) {
    }

    public record Balance(UUID customerId, long balance) {
    }

    @Inject
    Loyalty loyalty;

    @Inject
    CustomerRegistry customers;

    @Inject
    CurrentUser user;

    @GET
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.SERVICE_ADVISOR, Roles.CUSTOMER_CARE_AGENT,
            Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Loyalty.Account account(@PathParam("id") UUID id) {
        return loyalty.account(customers.get(id));
    }

    /** Spends points; 409 when the balance is short (it never goes below zero, however many redeem at once). */
    @POST
    @Path("redemptions")
    @Transactional
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.SALES_CONSULTANT, Roles.CUSTOMER_CARE_AGENT, Roles.STORE_MANAGER,
            Roles.GROUP_ADMIN})
    public Response redeem(@PathParam("id") UUID id, @NotNull @Valid Redemption r) {
        Customer c = customers.lockLive(id, "the redemption");
        long balance = loyalty.redeem(c, r.points(), r.forWhat(), r.reference(), user.id());
        return Response.status(201).entity(new Balance(c.id, balance)).build();
    }
}
