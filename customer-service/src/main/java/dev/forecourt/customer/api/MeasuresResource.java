package dev.forecourt.customer.api;

import dev.forecourt.customer.service.CustomerRegistry;
import dev.forecourt.customer.service.Measures;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.util.UUID;

/** Loyalty and disloyalty rate per store and period, and a customer's lifetime value (method in {@link Measures}). */
@Path("/api/customer-measures")
public class MeasuresResource {

    @Inject
    Measures measures;

    @Inject
    CurrentUser user;

    /** Aggregates only (no personal data), so analysts may read them too. {@code to} is exclusive. */
    @GET
    @Path("loyalty")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.ANALYST})
    public Measures.LoyaltyFigures loyalty(@QueryParam("storeId") @NotBlank String storeId,
                                           @QueryParam("from") @NotNull LocalDate from,
                                           @QueryParam("to") @NotNull LocalDate to) {
        user.requireStore(storeId);
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("to", "AfterFrom", "must be after from");
        }
        return measures.loyalty(storeId, from, to);
    }
}
