package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.LeadGrade;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.LostStage;
import dev.forecourt.customer.service.Classification;
import dev.forecourt.customer.service.CustomerRegistry;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/** Manual lifecycle class changes, the VIP flag and purchase referrals: managers' decisions, with a reason. */
@Path("/api/customers/{id}")
public class ClassificationResource {

    public record LifecycleChange(@NotNull LifecycleClass lifecycleClass, LeadGrade leadGrade, LostStage lostStage,
                                  @NotBlank @Size(max = 512) String reason) {
    }

    public record VipDecision(@NotNull Boolean vip, @NotBlank @Size(max = 256) String reason) {
    }

    public record Referral(UUID referredCustomerId, @NotNull Instant referredAt, @NotBlank @Size(max = 100) String reference) {
    }

    @Inject
    Classification classification;

    @Inject
    CustomerRegistry customers;

    @Inject
    CustomerViews views;

    @Inject
    CurrentUser user;

    /** Sets the lifecycle class (INTENT needs a lead grade, LOST a lost stage); 409 for a move the lifecycle forbids. */
    @PUT
    @Path("lifecycle-class")
    @Transactional
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response classify(@PathParam("id") UUID id, @NotNull @Valid LifecycleChange change) {
        if (change.lifecycleClass() == LifecycleClass.INTENT && change.leadGrade() == null) {
            throw ProblemException.invalid("leadGrade", "RequiredForIntent", "an INTENT customer carries a lead grade");
        }
        if (change.lifecycleClass() == LifecycleClass.LOST && change.lostStage() == null) {
            throw ProblemException.invalid("lostStage", "RequiredForLost", "a LOST customer carries a lost stage");
        }
        Customer c = classification.classifyManually(id, new Classification.Target(change.lifecycleClass(),
                change.leadGrade(), change.lostStage()), change.reason());
        return Response.ok(views.masked(c)).tag(ETags.entityTag(c.version)).build();
    }

    /** A store manager's VIP decision. */
    @PUT
    @Path("vip")
    @Transactional
    @RolesAllowed({Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response vip(@PathParam("id") UUID id, @NotNull @Valid VipDecision decision) {
        Customer c = classification.setVip(id, decision.vip(), decision.reason());
        return Response.ok(views.masked(c)).build();
    }

    /** Records a purchase referral by this customer (idempotent per reference); the third within a year makes them VIP. */
    @POST
    @Path("referrals")
    @Transactional
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response referral(@PathParam("id") UUID id, @NotNull @Valid Referral referral) {
        Customer c = customers.getLive(id, "referrals");
        classification.recordReferral(c, referral.referredCustomerId(), referral.referredAt(),
                "manual:" + referral.reference(), user.id());
        return Response.status(201).entity(views.masked(c)).build();
    }
}
