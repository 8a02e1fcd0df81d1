package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadSource;
import dev.forecourt.lead.service.LeadDesk;
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
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.UUID;

@Path("/api/leads")
public class LeadResource {

    public record CaptureLead(@NotBlank @Size(max = 64) String storeId, @NotNull UUID customerId,
                              @NotNull LeadSource source) {
    }

    public record LeadView(UUID id, String storeId, UUID customerId, String consultantId, String source,
                           String grade, String stage, Instant createdAt, long version) {
        static LeadView of(Lead l) {
            return new LeadView(l.id, l.storeId, l.customerId, l.consultantId, l.source, l.grade, l.stage, l.createdAt,
                    l.version);
        }
    }

    /** One lead, with whether lead-service has heard of its customer on customer-events yet. */
    public record LeadDetail(LeadView lead, boolean customerKnown) {
    }

    @Inject
    CurrentUser user;

    @Inject
    LeadDesk desk;

    /**
     * Leads of the caller's stores; a consultant (without a manager role) sees only the
     * leads assigned to them (DOMAIN.md §6).
     */
    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<LeadView> list(@Valid @BeanParam PageRequest page) {
        var query = StoreScopedQuery.of(user.stores()).after(page.cursor());
        if (!desk.seesWholeStore()) {
            query.and("consultantId = :me", "me", user.id());
        }
        return query.page((where, params) -> Lead.find(where, params), page.limit(), LeadView::of);
    }

    /** Captures a lead for a customer; publishes forecourt.lead.captured.v1. */
    @POST
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN,
            Roles.INTEGRATION_CLIENT})
    public Response capture(@NotNull @Valid CaptureLead request, UriInfo uri) {
        Lead lead = desk.capture(request.storeId(), request.customerId(), request.source());
        return Response.created(uri.getAbsolutePathBuilder().path(lead.id.toString()).build())
                .tag(ETags.entityTag(lead.version)).entity(LeadView.of(lead)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Lead lead = desk.get(id);
        return Response.ok(new LeadDetail(LeadView.of(lead), desk.customerKnown(lead.customerId)))
                .tag(ETags.entityTag(lead.version)).build();
    }
}
