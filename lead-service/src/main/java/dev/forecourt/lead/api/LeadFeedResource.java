package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadSource;
import dev.forecourt.lead.service.IntakeDesk;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Lead feeds for dealer-group IT: portals and manufacturers post ADF XML (one prospect or a batch
 * of up to 1,000). The answer lists each prospect by its position: the lead it became (linked to
 * its customer, or waiting for customer-service), or why it was rejected. A document that is not
 * ADF at all is a 422 naming the reason; nothing of it is kept.
 */
@Path("/api/lead-feeds")
public class LeadFeedResource {

    @Inject
    IntakeDesk intake;

    @Inject
    CurrentUser user;

    /** A lead still without its customer: waiting for customer-service, or refused by it (with the reason). */
    public record Unlinked(UUID leadId, String storeId, String source, Instant capturedAt, int linkAttempts,
                           String refusedBecause) {
    }

    /**
     * The store's leads captured while customer-service was away and not linked yet, oldest first:
     * those waiting are linked automatically; a refused one (e.g. an invalid phone) needs a person.
     */
    @GET
    @Path("unlinked")
    @Transactional
    @RolesAllowed({Roles.INTEGRATION_CLIENT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<Unlinked> unlinked(@QueryParam("storeId") @NotBlank @Size(max = 64) String storeId) {
        user.requireStore(storeId);
        return Lead.<Lead>find("storeId = ?1 and customerId is null and contactEnc is not null order by createdAt, id", storeId).page(0, 1000).list()
                .stream().map(l -> new Unlinked(l.id, l.storeId, l.source, l.createdAt, l.linkAttempts, l.linkFailure))
                .toList();
    }

    @POST
    @Path("adf")
    @Consumes({"application/xml", "text/xml", "application/adf+xml"})
    @RolesAllowed({Roles.INTEGRATION_CLIENT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public IntakeDesk.Outcome adf(@QueryParam("storeId") @NotBlank @Size(max = 64) String storeId,
                                  @QueryParam("source") @DefaultValue("AUTO_PORTAL") @NotNull LeadSource source,
                                  String document) {
        return intake.adf(storeId, source, document == null ? "" : document);
    }
}
